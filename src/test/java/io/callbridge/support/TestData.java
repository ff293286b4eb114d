package io.callbridge.support;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCommand;
import io.callbridge.agents.AgentService;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.security.ApiTokens;
import io.callbridge.shared.Role;
import io.callbridge.telephony.ExtensionRanges;
import io.callbridge.sandbox.SandboxProvisioning;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Creates isolated test data through the application's own services: every test gets its
 * own tenant, so tests never see each other's data (also when the PostgreSQL database is
 * reused between runs).
 */
@Component
public class TestData {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final Map<String, String> ORGANISATIONS = new ConcurrentHashMap<>();

	private final Tenants tenants;

	private final AgentService agents;

	private final ApiTokens tokens;

	private final SandboxProvisioning sandbox;

	private final ContactService contacts;

	private final TelephonyAccounts accounts;

	TestData(Tenants tenants, AgentService agents, ApiTokens tokens, SandboxProvisioning sandbox,
			ContactService contacts, TelephonyAccounts accounts) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.agents = agents;
		this.tokens = tokens;
		this.sandbox = sandbox;
		this.contacts = contacts;
	}

	/**
	 * A user of a test tenant with an API token.
	 *
	 * @param agent the user
	 * @param token the Bearer token acting as the user
	 * @param password the user's password, for form login
	 * @param organisation the slug of the user's tenant, named at login
	 */
	public record TestUser(Agent agent, String token, String password, String organisation) {

		public long id() {
			return this.agent.id();
		}

		public long tenantId() {
			return this.agent.tenantId();
		}

		public String username() {
			return this.agent.username();
		}

	}

	/**
	 * A new tenant (region ES, zone Europe/Madrid, EUR) with its sandbox account; returns
	 * its id.
	 */
	public long anyTenant() {
		String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
		return this.tenants.create(slug, "Tenant " + slug, "ES", ZoneId.of("Europe/Madrid"), "EUR");
	}

	public TestUser anyUser(long tenantId, Role role) {
		String username = role.name().toLowerCase() + "-" + SEQUENCE.incrementAndGet() + "-"
				+ UUID.randomUUID().toString().substring(0, 6);
		String password = "secret-" + UUID.randomUUID().toString().substring(0, 8);
		Agent agent = this.agents.create(tenantId,
				new AgentCommand(username, "User " + username, null, role, password, true, null));
		String organisation = this.tenants.get(tenantId).slug();
		ORGANISATIONS.put(username, organisation);
		return new TestUser(agent, this.tokens.issue(tenantId, agent.id(), "test").secret(), password, organisation);
	}

	/**
	 * The organisation (tenant slug) a user made by {@link #anyUser} names at login, or
	 * an empty one (the default tenant) for any other username. Generated usernames are
	 * unique across the installation, so the username alone finds it.
	 */
	public static String organisationOf(String username) {
		return ORGANISATIONS.getOrDefault(username, "");
	}

	/**
	 * A user with an extension on the tenant's sandbox account; an extension outside the
	 * sandbox's {@code extensions} (100-119 by default) is added to them first, since the
	 * sandbox refuses extensions it does not have.
	 */
	public TestUser anyAgentWithExtension(long tenantId, Role role, String extension) {
		TestUser user = anyUser(tenantId, role);
		this.agents.assignExtension(tenantId, user.id(), sandboxWith(tenantId, extension).id(), extension);
		return user;
	}

	// Synchronized: benchmarks create agents from several threads, and the setting is
	// read, extended and written back.
	private synchronized TelephonyAccount sandboxWith(long tenantId, String extension) {
		TelephonyAccount account = sandboxAccount(tenantId);
		List<String> extensions = new ArrayList<>(
				ExtensionRanges.parse(account.settings().getOrDefault("extensions", "100-119")));
		if (extensions.contains(extension)) {
			return account;
		}
		extensions.add(extension);
		Map<String, String> settings = new LinkedHashMap<>(account.settings());
		settings.put("extensions", ExtensionRanges.format(extensions));
		return this.accounts.update(tenantId, account.id(), account.name(), account.enabled(), settings, null);
	}

	public AgentService agentService() {
		return this.agents;
	}

	public void assignExtension(long tenantId, long userId, long accountId, String extension) {
		this.agents.assignExtension(tenantId, userId, accountId, extension);
	}

	public TelephonyAccount sandboxAccount(long tenantId) {
		return this.sandbox.ensureSandbox(tenantId);
	}

	public Contact anyContact(long tenantId, String name, String... phones) {
		return anyContact(tenantId, name, null, phones);
	}

	public Contact anyContact(long tenantId, String name, @Nullable Long responsibleId, String... phones) {
		return this.contacts.create(tenantId,
				new ContactCommand(name, "ACME", null, null, responsibleId, null, List.of(phones), List.of()));
	}

}
