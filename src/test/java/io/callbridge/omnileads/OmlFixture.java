package io.callbridge.omnileads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.campaigns.AgentLink;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignAgent;
import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.CampaignOptionCommand;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.ExternalSystem;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.campaigns.OptionKind;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.tenants.Tenants;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The world of OMniLeads' API tests, in a new tenant: an agent (with a sandbox extension,
 * or one given) assigned to a campaign linked to an external system ("c1"), whose contact
 * database has an external-id column and contacts "c1" and "c2"; a second agent in a
 * second campaign and a second system; a contact of another database; a supervisor and an
 * admin.
 */
@Component
class OmlFixture {

	private final TestData data;

	private final ContactDatabases databases;

	private final Campaigns campaigns;

	private final ExternalSystems systems;

	private final Tenants tenants;

	private final JdbcClient jdbc;

	OmlFixture(TestData data, ContactDatabases databases, Campaigns campaigns, ExternalSystems systems, Tenants tenants,
			JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.data = data;
		this.databases = databases;
		this.campaigns = campaigns;
		this.systems = systems;
		this.tenants = tenants;
	}

	/**
	 * One test's world.
	 *
	 * @param base the tenant's OMniLeads API base path
	 * @param agent the agent of the campaign (id_ag_1 in the system)
	 * @param otherAgent the agent of the other campaign (id_ag_2 in the other system)
	 * @param supervisor a supervisor assigned to no campaign
	 * @param admin an admin
	 * @param database the campaign's contact database
	 * @param contact contact "c1" of the database
	 * @param second contact "c2" of the database
	 * @param outsider a contact of another database
	 * @param campaign the campaign (external id "c1")
	 * @param otherCampaign the other campaign, of the same system, with the other agent
	 * @param system the campaign's external system
	 * @param otherSystem another system
	 * @param options the campaign's options: "Venta", "No interesa", hidden "Antigua"
	 */
	record Scene(long tenantId, String base, TestUser agent, TestUser otherAgent, TestUser supervisor, TestUser admin,
			ContactDatabase database, Contact contact, Contact second, Contact outsider, Campaign campaign,
			Campaign otherCampaign, ExternalSystem system, ExternalSystem otherSystem, List<CampaignOption> options) {

		CampaignOption option(String name) {
			return this.options.stream().filter((o) -> o.name().equals(name)).findFirst().orElseThrow();
		}

	}

	/** A world whose agent has sandbox extension 101. */
	Scene scene() {
		long tenant = this.data.anyTenant();
		return scene(tenant, this.data.anyAgentWithExtension(tenant, Role.AGENT, "101"));
	}

	/** A world around the agent given (with an extension where calls should go). */
	Scene scene(long tenant, TestUser agent) {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		TestUser otherAgent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "102");
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		ContactDatabase database = this.databases.create(tenant, new ContactDatabaseCommand("Clientes-" + suffix,
				List.of("telefono", "nombre", "id_cliente"), List.of("telefono"), "id_cliente", "nombre"));
		List<Contact> rows = this.databases.addRows(tenant, database.id(),
				List.of(Map.of("telefono", "+34612000111", "nombre", "Ana", "id_cliente", "c1"),
						Map.of("telefono", "+34612000112", "nombre", "Bea", "id_cliente", "c2")));
		ContactDatabase otherDatabase = this.databases.create(tenant, new ContactDatabaseCommand("Otros-" + suffix,
				List.of("telefono", "nombre", "id_cliente"), List.of("telefono"), "id_cliente", null));
		Contact outsider = this.databases
			.addRows(tenant, otherDatabase.id(),
					List.of(Map.of("telefono", "+34612000113", "nombre", "Eva", "id_cliente", "c1")))
			.get(0);
		ExternalSystem system = this.systems
			.save(tenant, null, "CRM-" + suffix, List.of(AgentLink.of(agent.id(), "id_ag_1")))
			.system();
		ExternalSystem otherSystem = this.systems
			.save(tenant, null, "Otro CRM-" + suffix, List.of(AgentLink.of(otherAgent.id(), "id_ag_2")))
			.system();
		CurrentUser adminUser = userOf(admin);
		Campaign campaign = this.campaigns.save(adminUser, null, CampaignCommand.manual("Ventas-" + suffix)
			.linked(database.id(), system.id(), "c1")
			.withAgents(List.of(agent.id()))
			.withOptions(List.of(CampaignOptionCommand.of("Venta", "interested"),
					new CampaignOptionCommand(null, "No interesa", "not-interested", OptionKind.NO_ACTION, false, false,
							false),
					new CampaignOptionCommand(null, "Antigua", "call-back", OptionKind.ACTION, true, false, false))))
			.campaign();
		Campaign otherCampaign = this.campaigns
			.save(adminUser, null,
					CampaignCommand.manual("Cobros-" + suffix)
						.linked(database.id(), system.id(), "c2")
						.withAgents(List.of(otherAgent.id()))
						.withOptions(List.of(CampaignOptionCommand.of("Pagado", "interested"))))
			.campaign();
		return new Scene(tenant, base(tenant), agent, otherAgent, supervisor, admin, database, rows.get(0), rows.get(1),
				outsider, campaign, otherCampaign, system, otherSystem, this.campaigns.options(campaign.id()));
	}

	/** Assigns one more agent to the scene's campaign. */
	void assign(Scene scene, TestUser user) {
		List<CampaignAgent> agents = new ArrayList<>(this.campaigns.agents(scene.tenantId(), scene.campaign().id()));
		agents.add(new CampaignAgent(user.id(), 0));
		this.campaigns.assignAgents(userOf(scene.admin()), scene.campaign().id(), agents);
	}

	/** Hides an option (as an admin would, after it was used). */
	void hide(Scene scene, long optionId) {
		this.jdbc.sql("UPDATE campaign_disposition_options SET hidden = TRUE WHERE id = ? AND campaign_id = ?")
			.params(optionId, scene.campaign().id())
			.update();
	}

	/** Makes the user one of the scene campaign's supervisors. */
	void supervise(Scene scene, TestUser user) {
		this.jdbc.sql("INSERT INTO campaign_supervisors (campaign_id, user_id) VALUES (?, ?)")
			.params(scene.campaign().id(), user.id())
			.update();
	}

	String base(long tenant) {
		return "/omnileads/" + this.tenants.get(tenant).slug() + "/api/v1/";
	}

	static CurrentUser userOf(TestUser user) {
		return new CurrentUser(user.id(), user.tenantId(), user.username(), user.agent().displayName(),
				user.agent().role());
	}

}
