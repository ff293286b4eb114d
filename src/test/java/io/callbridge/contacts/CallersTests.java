package io.callbridge.contacts;

import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-statement lookup of a calling number ({@link Callers}) says what the blacklist
 * and {@link Contacts#findByNumber} say, number by number: blacklisted or not, with no,
 * one or several contacts of the tenant (by id, with name and responsible), never another
 * tenant's.
 */
@IntegrationTest
class CallersTests {

	private static final List<String> NUMBERS = List.of("+34612100001", "+34612100002", "+34612100003", "+34612100004",
			"+34612100005");

	@Autowired
	Callers callers;

	@Autowired
	Contacts contacts;

	@Autowired
	Blacklist blacklist;

	@Autowired
	TestData data;

	@Test
	void aNumbersLookupGivesTheBlacklistAndTheContactsOfItsTenant() {
		long tenant = this.data.anyTenant();
		long other = this.data.anyTenant();
		long admin = this.data.anyUser(tenant, Role.ADMIN).id();
		long responsible = this.data.anyUser(tenant, Role.AGENT).id();
		Contact one = this.data.anyContact(tenant, "One", responsible, "+34612100001", "+34612100004");
		Contact also = this.data.anyContact(tenant, "Also", "+34612100002", "+34612100004");
		Contact third = this.data.anyContact(tenant, "Third", "+34612100002");
		this.data.anyContact(other, "Other tenant", "+34612100003", "+34612100005");
		this.blacklist.add(tenant, "+34612100002", "spam", admin);
		this.blacklist.add(tenant, "+34612100005", null, admin);
		long elsewhere = this.data.anyTenant();
		this.blacklist.add(elsewhere, "+34612100001", null, this.data.anyUser(elsewhere, Role.ADMIN).id());

		assertThat(this.callers.lookup(tenant, "+34612100001"))
			.isEqualTo(new Callers.Caller(false, List.of(new Callers.Match(one.id(), "One", responsible))));
		assertThat(this.callers.lookup(tenant, "+34612100002")).isEqualTo(new Callers.Caller(true,
				List.of(new Callers.Match(also.id(), "Also", null), new Callers.Match(third.id(), "Third", null))));
		assertThat(this.callers.lookup(tenant, "+34612100003")).isEqualTo(new Callers.Caller(false, List.of()));
		assertThat(this.callers.lookup(tenant, "+34612100005")).isEqualTo(new Callers.Caller(true, List.of()));
		for (String number : NUMBERS) {
			Callers.Caller caller = this.callers.lookup(tenant, number);
			assertThat(caller.blacklisted()).as(number).isEqualTo(this.blacklist.contains(tenant, number));
			List<Callers.Match> byNumber = this.contacts.findByNumber(tenant, number)
				.stream()
				.map((c) -> new Callers.Match(c.id(), c.name(), c.responsibleId()))
				.toList();
			assertThat(caller.contacts()).as(number).isEqualTo(byNumber);
			assertThat(this.callers.contactsWith(tenant, number)).as(number).isEqualTo(byNumber);
		}
	}

	@Test
	void severalNumbersLookedUpAtOnceGiveWhatEachGivesAlone() {
		long tenant = this.data.anyTenant();
		long other = this.data.anyTenant();
		long responsible = this.data.anyUser(tenant, Role.AGENT).id();
		Contact one = this.data.anyContact(tenant, "One", responsible, "+34612100001", "+34612100004");
		Contact also = this.data.anyContact(tenant, "Also", "+34612100002", "+34612100004");
		Contact third = this.data.anyContact(tenant, "Third", "+34612100002");
		this.data.anyContact(other, "Other tenant", "+34612100003", "+34612100005");

		Map<String, List<Callers.Match>> found = this.callers.contactsWith(tenant, NUMBERS);

		assertThat(found).containsOnlyKeys(NUMBERS);
		assertThat(found.get("+34612100001")).containsExactly(new Callers.Match(one.id(), "One", responsible));
		assertThat(found.get("+34612100002")).containsExactly(new Callers.Match(also.id(), "Also", null),
				new Callers.Match(third.id(), "Third", null));
		assertThat(found.get("+34612100004")).containsExactly(new Callers.Match(one.id(), "One", responsible),
				new Callers.Match(also.id(), "Also", null));
		assertThat(found.get("+34612100003")).isEmpty();
		assertThat(found.get("+34612100005")).isEmpty();
		for (String number : NUMBERS) {
			assertThat(found.get(number)).as(number).isEqualTo(this.callers.contactsWith(tenant, number));
		}
		assertThat(this.callers.contactsWith(other, List.of("+34612100003", "+34612100001")))
			.containsOnlyKeys("+34612100003", "+34612100001")
			.satisfies((byNumber) -> assertThat(byNumber.get("+34612100001")).isEmpty());
	}

}
