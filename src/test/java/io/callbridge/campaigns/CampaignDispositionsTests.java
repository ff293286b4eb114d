package io.callbridge.campaigns;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.calls.application.DispositionService;
import io.callbridge.campaigns.CampaignDispositions.DispositionRequest;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contacts' dispositions in campaigns: one per contact and campaign; a hidden option is
 * not chosen anew but may be kept; given a call the agent took part in, the option's
 * outcome is recorded on the call too; shown on the contact's page fragment and on the
 * call.
 */
@IntegrationTest
class CampaignDispositionsTests {

	@LocalServerPort
	int port;

	@Autowired
	CampaignDispositions dispositions;

	@Autowired
	Campaigns campaigns;

	@Autowired
	DispositionService callDispositions;

	@Autowired
	CampaignFixture fixture;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser agent;

	private CurrentUser agentUser;

	private Contact contact;

	private long sale;

	private long retired;

	private long callBack;

	private long campaignId;

	@BeforeEach
	void createCampaign() {
		this.tenant = this.tenants.anyTenant();
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.agentUser = CampaignFixture.userOf(this.agent);
		this.contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34612345678");
		long database = this.fixture.anyDatabase(this.tenant, "Customers", "id_cliente");
		this.fixture.putInDatabase(this.contact.id(), database, "C-1");
		Campaign campaign = this.campaigns.save(CampaignFixture.userOf(supervisor), null,
				CampaignCommand.manual("Sales")
					.linked(database, null, null)
					.withAgents(List.of(this.agent.id()))
					.withOptions(List.of(CampaignOptionCommand.of("Sale", "interested"),
							new CampaignOptionCommand(null, "Old", "not-interested", null, true, false, false),
							CampaignOptionCommand.of("Call later", "call-back"))))
			.campaign();
		this.campaignId = campaign.id();
		List<CampaignOption> options = this.campaigns.options(campaign.id());
		this.sale = options.get(0).id();
		this.retired = options.get(1).id();
		this.callBack = options.get(2).id();
	}

	@Test
	void aContactHasOneDispositionPerCampaign() {
		CampaignDisposition first = this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.sale, "Bought", null));

		assertThatThrownBy(() -> this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.callBack, "", null)))
			.isInstanceOfSatisfying(Problems.Conflict.class, (ex) -> assertThat(ex.text().english())
				.isEqualTo("The contact already has a disposition in the campaign \"Sales\"."));
		assertThat(first.comments()).isEqualTo("Bought");
		assertThat(first.agentId()).isEqualTo(this.agent.id());
		assertThat(this.dispositions.listOwn(this.agentUser)).extracting(CampaignDisposition::id)
			.containsExactly(first.id());
	}

	@Test
	void aHiddenOptionIsNotChosenAnewButMayBeKept() {
		assertThatThrownBy(() -> this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.retired, "", null)))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("optionId"));
		CampaignDisposition disposition = this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.sale, "", null));
		hide(this.sale);

		CampaignDisposition kept = this.dispositions.update(this.agentUser, disposition.id(),
				new DispositionRequest(this.contact.id(), this.sale, "still", null));

		assertThat(kept.optionId()).isEqualTo(this.sale);
		assertThat(kept.comments()).isEqualTo("still");
		assertThatThrownBy(() -> this.dispositions.update(this.agentUser, disposition.id(),
				new DispositionRequest(this.contact.id(), this.retired, "", null)))
			.isInstanceOf(Problems.InvalidInput.class);
	}

	@Test
	void anotherAgentsDispositionIsNotFound() {
		CampaignDisposition disposition = this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.sale, "", null));
		CurrentUser colleague = CampaignFixture.userOf(this.data.anyUser(this.tenant, Role.AGENT));

		assertThatThrownBy(() -> this.dispositions.update(colleague, disposition.id(),
				new DispositionRequest(this.contact.id(), this.sale, "", null)))
			.isInstanceOf(Problems.NotFound.class);
		assertThat(this.dispositions.listOwn(colleague)).isEmpty();
	}

	@Test
	void aContactOutsideTheCampaignsDatabaseIsRefused() {
		Contact stranger = this.data.anyContact(this.tenant, "Pedro", "+34699000111");

		assertThatThrownBy(() -> this.dispositions
			.create(this.agentUser, new DispositionRequest(stranger.id(), this.sale, "", null))).isInstanceOfSatisfying(
					Problems.InvalidInput.class, (ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("contactId"));
	}

	@Test
	void theCallTheAgentTookPartInGetsTheOptionsOutcome() {
		long call = answeredCall("101");

		CampaignDisposition disposition = this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.sale, "Bought two", String.valueOf(call)));

		assertThat(disposition.callId()).isEqualTo(call);
		assertThat(disposition.callid()).isEqualTo(String.valueOf(call));
		assertThat(this.callDispositions.find(this.tenant, call)).hasValueSatisfying((d) -> {
			assertThat(d.outcome()).isEqualTo("interested");
			assertThat(d.notes()).isEqualTo("Bought two");
		});
		String detail = UiSession.logIn(this.port, this.agent.username(), this.agent.password())
			.get("/calls/" + call)
			.body();
		assertThat(detail).contains("Bought two");
	}

	@Test
	void aCallTheAgentHadNoPartInIsOnlyNoted() {
		TestUser colleague = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");
		long call = answeredCall("102");

		CampaignDisposition disposition = this.dispositions.create(this.agentUser,
				new DispositionRequest(this.contact.id(), this.sale, "", String.valueOf(call)));

		assertThat(colleague.id()).isNotEqualTo(this.agent.id());
		assertThat(disposition.callId()).isNull();
		assertThat(disposition.callid()).isEqualTo(String.valueOf(call));
		assertThat(this.callDispositions.find(this.tenant, call)).isEmpty();
	}

	@Test
	void theContactsPageFragmentShowsTheDispositions() {
		this.dispositions.create(this.agentUser, new DispositionRequest(this.contact.id(), this.sale, "Bought", null));

		UiSession session = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		String page = session.get("/contacts/" + this.contact.id()).body();
		String fragment = session.get("/campaigns/contacts/" + this.contact.id() + "/dispositions?lang=es").body();

		assertThat(page).as("the contact page loads the fragment")
			.contains("/campaigns/contacts/" + this.contact.id() + "/dispositions");

		assertThat(fragment).contains("id=\"campaign-dispositions\"")
			.contains("Calificaciones en campañas")
			.contains("Sales")
			.contains("Sale")
			.contains("Bought")
			.contains(this.agent.agent().displayName());
	}

	@Test
	void theConsoleOffersTheCampaignsVisibleOptionsAndRecordsTheChoice() {
		long call = answeredCall("101");
		this.jdbc.sql("UPDATE calls SET campaign_id = ? WHERE id = ?").params(this.campaignId, call).update();
		UiSession console = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		String card = console.get("/console/calls/" + call + "/card").body();
		console.get("/console");
		HttpResponse<String> saved = console.postForm("/console/calls/" + call + "/disposition",
				Map.of("optionId", String.valueOf(this.callBack), "notes", "Tomorrow"));

		assertThat(card).contains("class=\"campaign-options\"")
			.contains(">Sale<")
			.contains(">Call later<")
			.doesNotContain(">Old<")
			.contains("Campaign: Sales");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(this.dispositions.find(this.tenant, this.campaignId, this.contact.id())).hasValueSatisfying((d) -> {
			assertThat(d.optionId()).isEqualTo(this.callBack);
			assertThat(d.callId()).isEqualTo(call);
		});
		assertThat(this.callDispositions.find(this.tenant, call))
			.hasValueSatisfying((d) -> assertThat(d.outcome()).isEqualTo("call-back"));
	}

	private void hide(long optionId) {
		this.jdbc.sql("UPDATE campaign_disposition_options SET hidden = TRUE WHERE id = ?").param(optionId).update();
	}

	// An answered inbound call from the contact's number, rung and answered at the
	// extension.
	private long answeredCall(String extension) {
		long account = this.data.sandboxAccount(this.tenant).id();
		String id = "cd-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(120);
		this.sink.accept(event(account, id, CallEventType.STARTED, start).direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.ourLine("+34910000000")
			.build());
		this.sink.accept(event(account, id, CallEventType.RINGING, start.plusSeconds(1)).extension(extension).build());
		this.sink.accept(event(account, id, CallEventType.ANSWERED, start.plusSeconds(5)).extension(extension).build());
		this.sink.accept(event(account, id, CallEventType.ENDED, start.plusSeconds(60)).result(CallResult.ANSWERED)
			.extension(extension)
			.build());
		return this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(account, id)
			.query(Long.class)
			.single();
	}

	private static ProviderCallEvent.Builder event(long account, String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(account, id, type, at).rawPayload("{\"call\":\"" + id + "\"}");
	}

}
