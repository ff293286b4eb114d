package io.callbridge.contacts;

import java.util.List;
import java.util.Map;

import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many numbers matched at once ({@link Contacts#soleContactIds}) give what matching them
 * one by one ({@link Contacts#findByNumber}) gives when it finds exactly one contact, and
 * nothing for a number no contact or several contacts of the tenant have.
 */
@IntegrationTest
class ContactsByNumberTests {

	@Autowired
	Contacts contacts;

	@Autowired
	TestData data;

	@Test
	void aNumberOfExactlyOneContactOfTheTenantGivesThatContact() {
		long tenant = this.data.anyTenant();
		long other = this.data.anyTenant();
		Contact one = this.data.anyContact(tenant, "One", "+34612000001", "+34612000004");
		Contact also = this.data.anyContact(tenant, "Two numbers", "+34612000003", "+34612000004");
		this.data.anyContact(tenant, "Shared A", "+34612000002");
		this.data.anyContact(tenant, "Shared B", "+34612000002");
		this.data.anyContact(other, "Other tenant", "+34612000001", "+34612000003");
		List<String> numbers = List.of("+34612000001", "+34612000002", "+34612000003", "+34612000004", "+34612000009");

		Map<String, Long> sole = this.contacts.soleContactIds(tenant, numbers);

		assertThat(sole)
			.containsExactlyInAnyOrderEntriesOf(Map.of("+34612000001", one.id(), "+34612000003", also.id()));
		for (String number : numbers) {
			List<Contact> found = this.contacts.findByNumber(tenant, number);
			assertThat(sole.get(number)).isEqualTo((found.size() == 1) ? found.get(0).id() : null);
		}
		assertThat(this.contacts.soleContactIds(tenant, List.of())).isEmpty();
	}

}
