package io.callbridge.screenpop;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.contacts.Contact;
import io.callbridge.records.Case;
import io.callbridge.records.CaseFollowUp;
import io.callbridge.records.CaseFollowUps;
import io.callbridge.records.CaseStatus;
import io.callbridge.records.Cases;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.records.FollowUpKind;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Record this call as a follow-up" on the pop-up card: the caller's open cases shown, a
 * new case opened with the follow-up in one step, an open case chosen, and a refused form
 * answered on the card with nothing stored.
 */
@IntegrationTest
class CardFollowUpTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	CaseFollowUps followUps;

	private long tenant;

	private TestUser agent;

	private Contact customer;

	private long callId;

	private UiSession ui;

	@BeforeEach
	void callFromAKnownContact() {
		this.tenant = this.tenants.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.customer = this.data.anyContact(this.tenant, "Pilar Gómez", "+34 622 333 444");
		this.callId = call();
		this.ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
	}

	@Test
	void cardShowsTheCallersOpenCasesButNotTheClosedOnes() {
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Fibre install", null, null, null, null, List.of()));
		this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Old complaint", null, CaseStatus.CLOSED, null, null, List.of()));

		String card = this.ui.get("/console/calls/" + this.callId + "/card").body();

		assertThat(card).contains("Fibre install")
			.contains("href=\"/cases/" + open.id() + "\"")
			.doesNotContain("Old complaint")
			.contains("class=\"stacked call-follow-up\"");
	}

	@Test
	void newCaseAndItsCallFollowUpAreRecordedInOneStep() {
		HttpResponse<String> answer = this.ui.postForm("/console/calls/" + this.callId + "/follow-up",
				Map.of("caseId", "", "subject", "Wants a faster plan", "text", "Offered the 1 Gb plan"));

		assertThat(answer.statusCode()).isEqualTo(200);
		List<Case> customerCases = this.cases.forCustomer(this.tenant, this.customer.id());
		assertThat(customerCases).singleElement().satisfies((c) -> {
			assertThat(c.subject()).isEqualTo("Wants a faster plan");
			assertThat(c.callIds()).containsExactly(this.callId);
			assertThat(c.assigneeId()).isEqualTo(this.agent.id());
		});
		List<CaseFollowUp> recorded = this.followUps.forCase(this.tenant, customerCases.get(0).id());
		assertThat(recorded).singleElement().satisfies((f) -> {
			assertThat(f.kind()).isEqualTo(FollowUpKind.CALL);
			assertThat(f.callId()).isEqualTo(this.callId);
			assertThat(f.text()).isEqualTo("Offered the 1 Gb plan");
			assertThat(f.authorId()).isEqualTo(this.agent.id());
		});
		assertThat(answer.body()).contains("class=\"alert ok follow-up-recorded\"")
			.contains("Case “Wants a faster plan” opened")
			.contains("href=\"/cases/" + customerCases.get(0).id() + "\"");
	}

	@Test
	void callIsRecordedOnAChosenOpenCaseAndLinkedToIt() {
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Fibre install", null, null, null, null, List.of()));

		HttpResponse<String> answer = this.ui.postForm("/console/calls/" + this.callId + "/follow-up",
				Map.of("caseId", String.valueOf(open.id()), "subject", "", "text", "Technician comes on Monday"));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("Call recorded as a follow-up of “Fibre install”.");
		assertThat(this.cases.get(this.tenant, open.id()).callIds()).containsExactly(this.callId);
		assertThat(this.followUps.forCase(this.tenant, open.id())).singleElement()
			.satisfies((f) -> assertThat(f.callId()).isEqualTo(this.callId));
		assertThat(this.cases.forCustomer(this.tenant, this.customer.id())).hasSize(1);
	}

	@Test
	void refusedFormIsAnsweredOnTheCardAndStoresNothing() {
		HttpResponse<String> noCase = this.ui.postForm("/console/calls/" + this.callId + "/follow-up",
				Map.of("caseId", "", "subject", " ", "text", "Something"), "Accept-Language", "es");
		assertThat(noCase.statusCode()).isEqualTo(422);
		assertThat(noCase.headers().firstValue("X-Callbridge-Form-Errors")).contains("true");
		assertThat(noCase.body()).contains("Elija uno de los casos del cliente o escriba el asunto de un caso nuevo.")
			.contains("Something");

		// The case would be valid, the follow-up is not: the case is not kept either.
		HttpResponse<String> tooLong = this.ui.postForm("/console/calls/" + this.callId + "/follow-up",
				Map.of("caseId", "", "subject", "Complaint", "text", "x".repeat(4001)));
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(this.cases.forCustomer(this.tenant, this.customer.id())).isEmpty();
	}

	@Test
	void anotherCustomersCaseIsRefused() {
		Contact other = this.data.anyContact(this.tenant, "Someone Else", "+34 622 999 888");
		Case theirs = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(other.id(), "Their case", null, null, null, null, List.of()));

		HttpResponse<String> answer = this.ui.postForm("/console/calls/" + this.callId + "/follow-up",
				Map.of("caseId", String.valueOf(theirs.id()), "text", "Misfiled"));

		assertThat(answer.statusCode()).isEqualTo(422);
		assertThat(answer.body()).contains("is not a case of this call’s customer");
		assertThat(this.followUps.forCase(this.tenant, theirs.id())).isEmpty();
	}

	private long call() {
		long account = this.data.sandboxAccount(this.tenant).id();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("""
				INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, external_number, state, result,
				  started_at, updated_at, contact_id, agent_id)
				VALUES (?, ?, ?, 'INBOUND', '+34622333444', 'ENDED', 'ANSWERED', ?, ?, ?, ?)""")
			.params(this.tenant, account, UUID.randomUUID().toString(), now, now, this.customer.id(), this.agent.id())
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM calls WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

}
