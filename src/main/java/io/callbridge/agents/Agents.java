package io.callbridge.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.TelephonyAccount;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads agents and their extensions; other modules use it to find who is on an extension,
 * an agent's extension, and the default responsible agent.
 */
@Repository
public class Agents {

	/** The account setting naming the account's own default responsible agent (an id). */
	public static final String DEFAULT_RESPONSIBLE_SETTING = "defaultResponsibleId";

	static final RowMapper<Agent> ROW = Agents::map;

	private static final RowMapper<AgentExtension> EXTENSION = (rs, n) -> new AgentExtension(rs.getLong("account_id"),
			rs.getLong("agent_id"), rs.getString("extension"));

	private final JdbcClient jdbc;

	Agents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Agent> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM users WHERE tenant_id = ? ORDER BY display_name")
			.param(tenantId)
			.query(ROW)
			.list();
	}

	public Optional<Agent> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM users WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(ROW)
			.optional();
	}

	/** Finds an agent of the tenant; another tenant's user is "not found". */
	public Agent get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.agent"), id));
	}

	public Map<Long, Agent> byIds(long tenantId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return Jdbc.chunks(ids)
			.stream()
			.flatMap((chunk) -> this.jdbc.sql("SELECT * FROM users WHERE tenant_id = :tenant AND id IN (:ids)")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(ROW)
				.list()
				.stream())
			.collect(Collectors.toMap(Agent::id, Function.identity()));
	}

	/**
	 * The ids of the tenant's enabled supervisors and admins: who may watch the tenant's
	 * calls and agents live.
	 */
	public List<Long> enabledSupervisorIds(long tenantId) {
		return this.jdbc.sql("""
				SELECT id FROM users WHERE tenant_id = ? AND enabled = TRUE AND role IN ('SUPERVISOR', 'ADMIN')
				ORDER BY id""").param(tenantId).query(Long.class).list();
	}

	/** The user of the tenant with this login name, with what the login check needs. */
	public Optional<AgentCredentials> findForLogin(long tenantId, String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE tenant_id = ? AND username = ?")
			.params(tenantId, username)
			.query((rs, n) -> new AgentCredentials(map(rs, n), rs.getString("password_hash"),
					rs.getLong("session_version")))
			.optional();
	}

	/**
	 * The session version of an enabled user: a login session is valid while it still
	 * equals the value the session started with. Empty once the user is deleted or
	 * disabled. One primary-key lookup, made on every UI request.
	 */
	public OptionalLong sessionVersion(long tenantId, long userId) {
		return this.jdbc.sql("SELECT session_version FROM users WHERE id = ? AND tenant_id = ? AND enabled = TRUE")
			.params(userId, tenantId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElseGet(OptionalLong::empty);
	}

	public Optional<Agent> defaultResponsible(long tenantId) {
		return this.jdbc.sql("SELECT * FROM users WHERE tenant_id = ? AND default_responsible = TRUE")
			.param(tenantId)
			.query(ROW)
			.optional();
	}

	/**
	 * The agent that rules fall back on for calls of this account: the account's own
	 * default responsible (setting {@code defaultResponsibleId}) if it names an enabled
	 * agent of the tenant, otherwise the tenant's.
	 */
	public Optional<Agent> defaultResponsibleFor(TelephonyAccount account) {
		Optional<Long> configured = CommonSettings.of(account).defaultResponsible();
		if (configured.isPresent()) {
			Optional<Agent> own = find(account.tenantId(), configured.get()).filter(Agent::enabled);
			if (own.isPresent()) {
				return own;
			}
		}
		return defaultResponsible(account.tenantId());
	}

	/** The agent on an extension of a telephony account, if any. */
	public Optional<Agent> onExtension(long accountId, String extension) {
		return this.jdbc.sql("""
				SELECT u.* FROM users u JOIN agent_extensions e ON e.agent_id = u.id
				WHERE e.account_id = ? AND e.extension = ?""").params(accountId, extension).query(ROW).optional();
	}

	public List<AgentExtension> extensionsOf(long agentId) {
		return this.jdbc.sql("SELECT * FROM agent_extensions WHERE agent_id = ? ORDER BY account_id")
			.param(agentId)
			.query(EXTENSION)
			.list();
	}

	public List<AgentExtension> extensionsOfAccount(long accountId) {
		return this.jdbc.sql("SELECT * FROM agent_extensions WHERE account_id = ? ORDER BY extension")
			.param(accountId)
			.query(EXTENSION)
			.list();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
	}

	long countAdmins(long tenantId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE tenant_id = ? AND role = 'ADMIN' AND enabled = TRUE")
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	private static Agent map(ResultSet rs, int row) throws SQLException {
		return new Agent(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("username"),
				rs.getString("display_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
				rs.getBoolean("enabled"), rs.getBoolean("default_responsible"), rs.getString("external_id"));
	}

}
