package io.callbridge.crm.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.ConnectorInfo;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmField;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmRequestOutcome;
import io.callbridge.crm.CrmRequests;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.ManagerCommand;
import io.callbridge.crm.ManagerView;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * An in-memory stand-in for the CRM core (its connections, directory and requests), so
 * the web layer is tested on its own: the tests script what a check or a connect brings
 * back and which agents there are, and read what the web layer asked. Primary, so it also
 * replaces the real core once that exists.
 */
@TestConfiguration(proxyBeanMethods = false)
class CrmWebFakes {

	@Bean
	@Primary
	InMemoryCrm inMemoryCrm() {
		return new InMemoryCrm();
	}

	/** The connections of every tenant, with what the tests script. */
	static final class InMemoryCrm implements CrmConnections, CrmDirectory, CrmRequests {

		static final ConnectorInfo RETAILCRM = new ConnectorInfo("retailcrm", "retailCRM (Simla)",
				List.of(new CrmField("apiKey", true, true, "crmFake.apiKey", "crmFake.apiKey.help"),
						new CrmField("site", false, false, "crmFake.site", "crmFake.site.help")));

		private final Map<Long, Stored> connections = new ConcurrentHashMap<>();

		private final Map<Long, List<ManagerView>> agents = new ConcurrentHashMap<>();

		private final AtomicLong ids = new AtomicLong(100);

		private static final CrmCheck PASSED = new CrmCheck.Passed(Text.literal("retailCRM accepted the key."));

		private static final ConnectionView.Registration REGISTERED = new ConnectionView.Registration("REGISTERED",
				Instant.parse("2026-03-01T10:00:00Z"), "retailCRM took the registration.", "{\"success\":true}",
				List.of());

		private final Map<Long, CrmCheck> checks = new ConcurrentHashMap<>();

		private final Map<Long, ConnectionView.Registration> registrations = new ConcurrentHashMap<>();

		private final Map<Long, ConnectionCommand> commands = new ConcurrentHashMap<>();

		private final Map<Long, List<ManagerCommand>> mappings = new ConcurrentHashMap<>();

		/** What checking the connection finds from now on (default: passed). */
		void checkFinds(long connectionId, CrmCheck check) {
			this.checks.put(connectionId, check);
		}

		/** What connecting the connection stores from now on (default: registered). */
		void connectStores(long connectionId, ConnectionView.Registration registration) {
			this.registrations.put(connectionId, registration);
		}

		/** The last command a create or update of the tenant got. */
		ConnectionCommand lastCommand(long tenantId) {
			return this.commands.get(tenantId);
		}

		/** The managers' mapping last saved for the connection. */
		List<ManagerCommand> mapping(long connectionId) {
			return this.mappings.getOrDefault(connectionId, List.of());
		}

		/** The agents a tenant's managers table lists. */
		void agents(long tenantId, ManagerView... rows) {
			this.agents.put(tenantId, List.of(rows));
		}

		/** Gives a connection its endpoint in the outbox. */
		void endpoint(long connectionId, long endpointId) {
			this.connections.computeIfPresent(connectionId, (id, stored) -> stored.withEndpoint(endpointId));
		}

		/**
		 * Sets a connection's status, as the core would after registering and delivering.
		 */
		void status(long connectionId, ConnectionView.Registration registration, ConnectionView.Deliveries deliveries,
				List<String> unknownCodes) {
			this.connections.computeIfPresent(connectionId,
					(id, stored) -> stored.with(new ConnectionView(stored.view.id(), stored.view.connector(),
							stored.view.name(), stored.view.baseUrl(), stored.view.integrationCode(),
							stored.view.publicBaseUrl(), stored.view.accountIds(), stored.view.responsibleFromCrm(),
							stored.view.enabled(), stored.view.settings(), stored.view.secretsSet(), registration,
							deliveries, unknownCodes, stored.view.createdAt(), stored.view.updatedAt())));
		}

		/** The secrets stored for a connection. */
		Map<String, String> storedSecrets(long connectionId) {
			return this.connections.get(connectionId).secrets;
		}

		@Override
		public List<ConnectorInfo> connectors() {
			return List.of(RETAILCRM);
		}

		@Override
		public List<ConnectionView> list(long tenantId) {
			return this.connections.values()
				.stream()
				.filter((s) -> s.tenantId == tenantId)
				.map((s) -> s.view)
				.sorted((a, b) -> Long.compare(a.id(), b.id()))
				.toList();
		}

		@Override
		public ConnectionView get(long tenantId, long id) {
			return stored(tenantId, id).view;
		}

		@Override
		public ConnectionView create(long tenantId, ConnectionCommand command) {
			this.commands.put(tenantId, command);
			check(command);
			long id = this.ids.incrementAndGet();
			Stored stored = new Stored(tenantId, view(id, command, secrets(Map.of(), command), initial()),
					secrets(Map.of(), command), null);
			this.connections.put(id, stored);
			return stored.view;
		}

		@Override
		public ConnectionView update(long tenantId, long id, ConnectionCommand command) {
			this.commands.put(tenantId, command);
			Stored current = stored(tenantId, id);
			check(command);
			Map<String, String> secrets = secrets(current.secrets, command);
			Stored changed = new Stored(tenantId, view(id, command, secrets, current.view.registration()), secrets,
					current.endpointId);
			this.connections.put(id, changed);
			return changed.view;
		}

		@Override
		public void delete(long tenantId, long id) {
			stored(tenantId, id);
			this.connections.remove(id);
		}

		@Override
		public CrmCheck check(long tenantId, long id) {
			stored(tenantId, id);
			return this.checks.getOrDefault(id, PASSED);
		}

		@Override
		public ConnectionView connect(long tenantId, long id) {
			Stored stored = stored(tenantId, id);
			status(id, this.registrations.getOrDefault(id, REGISTERED), stored.view.deliveries(),
					stored.view.unknownCodes());
			return get(tenantId, id);
		}

		@Override
		public List<ManagerView> managers(long tenantId, long id) {
			stored(tenantId, id);
			return this.agents.getOrDefault(tenantId, List.of()).stream().map((agent) -> mapped(id, agent)).toList();
		}

		@Override
		public List<ManagerView> saveManagers(long tenantId, long id, List<ManagerCommand> managers) {
			stored(tenantId, id);
			long distinct = managers.stream()
				.map(ManagerCommand::crmUserId)
				.filter((userId) -> userId != null)
				.distinct()
				.count();
			if (distinct < managers.stream().filter((m) -> m.crmUserId() != null).count()) {
				throw new Problems.InvalidInput("crmUserId",
						Text.literal("Each CRM user can be related to one agent only."));
			}
			this.mappings.put(id, List.copyOf(managers));
			return managers(tenantId, id);
		}

		@Override
		public Optional<CrmConnection> find(long tenantId, long connectionId) {
			Stored stored = this.connections.get(connectionId);
			if (stored == null || stored.tenantId != tenantId) {
				return Optional.empty();
			}
			ConnectionView v = stored.view;
			return Optional.of(new CrmConnection(v.id(), tenantId, v.connector(), v.name(), v.baseUrl(),
					v.integrationCode(), "client-" + v.id(), v.publicBaseUrl(), v.accountIds(), v.responsibleFromCrm(),
					v.enabled(), v.settings(), stored.endpointId));
		}

		@Override
		public List<CrmConnection> serving(long tenantId, long accountId) {
			return List.of();
		}

		@Override
		public boolean anyEnabled(long tenantId) {
			return false;
		}

		@Override
		public CrmSecrets secrets(CrmConnection connection) {
			return new CrmSecrets(this.connections.get(connection.id()).secrets);
		}

		@Override
		public CrmConnector connector(String key) {
			throw new IllegalStateException("No connector in the web layer's tests");
		}

		@Override
		public List<CrmManager> managers(CrmConnection connection) {
			return List.of();
		}

		@Override
		public Optional<CrmManager> manager(CrmConnection connection, long agentId) {
			return Optional.empty();
		}

		@Override
		public Optional<Long> agentOf(CrmConnection connection, CrmUserRef user) {
			return Optional.empty();
		}

		@Override
		public void reportUnknown(long connectionId, List<String> codes, List<String> userIds) {
		}

		@Override
		public Optional<CrmConnection> authenticate(String connector, String clientId) {
			return Optional.empty();
		}

		@Override
		public CrmRequestOutcome makeCall(CrmConnection connection, CrmUserRef manager, String phone,
				@Nullable String externalPhone) {
			return new CrmRequestOutcome.Refused(503, null, Text.literal("Not in the web layer's tests."));
		}

		@Override
		public CrmRequestOutcome changeStatus(CrmConnection connection, CrmUserRef manager, AgentStatus status) {
			return new CrmRequestOutcome.Refused(503, null, Text.literal("Not in the web layer's tests."));
		}

		private ManagerView mapped(long connectionId, ManagerView agent) {
			ManagerCommand saved = mapping(connectionId).stream()
				.filter((m) -> m.agentId() == agent.agentId())
				.findFirst()
				.orElse(null);
			if (saved == null) {
				return agent;
			}
			String code = (saved.code() != null) ? saved.code()
					: agent.extensions().isEmpty() ? null : agent.extensions().get(0);
			return new ManagerView(agent.agentId(), agent.agentName(), saved.crmUserId(), saved.code(), code,
					agent.extensions(), agent.unknownToCrm());
		}

		private Stored stored(long tenantId, long id) {
			Stored stored = this.connections.get(id);
			if (stored == null || stored.tenantId != tenantId) {
				throw new Problems.NotFound(Text.literal("CRM connection"), id);
			}
			return stored;
		}

		private static void check(ConnectionCommand command) {
			List<Problems.FieldError> errors = new ArrayList<>();
			if (command.name().isBlank()) {
				errors.add(new Problems.FieldError("name", Text.of("contact.nameRequired")));
			}
			if (command.accountIds().isEmpty()) {
				errors.add(new Problems.FieldError("accountIds", Text.literal("Choose at least one account.")));
			}
			if (!errors.isEmpty()) {
				throw new Problems.InvalidInput(errors);
			}
		}

		private static Map<String, String> secrets(Map<String, String> current, ConnectionCommand command) {
			Map<String, String> secrets = new LinkedHashMap<>(current);
			command.secrets().forEach((name, value) -> {
				if (!value.isBlank()) {
					secrets.put(name, value);
				}
			});
			return secrets;
		}

		private static ConnectionView.Registration initial() {
			return new ConnectionView.Registration("NEVER", null, null, null, List.of());
		}

		private static ConnectionView view(long id, ConnectionCommand c, Map<String, String> secrets,
				ConnectionView.Registration registration) {
			Instant now = Instant.parse("2026-03-01T09:00:00Z");
			return new ConnectionView(id, c.connector(), c.name(), c.baseUrl(), c.integrationCode(),
					(c.publicBaseUrl() != null) ? c.publicBaseUrl() : "", c.accountIds(), c.responsibleFromCrm(),
					c.enabled(), c.settings(), List.copyOf(secrets.keySet()), registration,
					new ConnectionView.Deliveries(0, 0, null, null, null, !c.enabled()), List.of(), now, now);
		}

		/** A connection as stored: its view, secrets and outbox endpoint. */
		private record Stored(long tenantId, ConnectionView view, Map<String, String> secrets,
				@Nullable Long endpointId) {

			Stored withEndpoint(long endpoint) {
				return new Stored(this.tenantId, this.view, this.secrets, endpoint);
			}

			Stored with(ConnectionView changed) {
				return new Stored(this.tenantId, changed, this.secrets, this.endpointId);
			}

		}

	}

}
