package io.callbridge.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.Extensions;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes agents, assigns their extensions and the tenant's default
 * responsible agent.
 */
@Service
public class AgentService {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

	private final JdbcClient jdbc;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final PasswordEncoder passwords;

	private final TelephonyAccountService accountService;

	private final ApplicationEventPublisher events;

	private final AgentStatusService statuses;

	AgentService(JdbcClient jdbc, Agents agents, TelephonyAccounts accounts, PasswordEncoder passwords,
			TelephonyAccountService accountService, ApplicationEventPublisher events, AgentStatusService statuses) {
		this.statuses = statuses;
		this.jdbc = jdbc;
		this.agents = agents;
		this.accounts = accounts;
		this.passwords = passwords;
		this.accountService = accountService;
		this.events = events;
	}

	@Transactional
	public Agent create(long tenantId, AgentCommand command) {
		validate(tenantId, command, null);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					INSERT INTO users (tenant_id, username, display_name, email, password_hash, role, enabled,
					  default_responsible, external_id, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)""")
				.params(tenantId, command.username().trim(), command.displayName().trim(), blankToNull(command.email()),
						this.passwords.encode(command.password()), command.role().name(), command.enabled(),
						blankToNull(command.externalId()), Jdbc.ts(Instant.now()))
				.update(keys, "id");
		}
		catch (DuplicateKeyException raced) {
			throw usernameClash(raced, command.username().trim());
		}
		long id = keys.getKeyAs(Long.class);
		this.statuses.started(tenantId, id);
		return this.agents.get(tenantId, id);
	}

	/**
	 * Changes an agent. A change of role, of the enabled flag, of the username or of the
	 * password ends the agent's login sessions on every node at their next request.
	 */
	@Transactional
	public Agent update(long tenantId, long id, AgentCommand command) {
		Agent existing = this.agents.get(tenantId, id);
		validate(tenantId, command, existing);
		boolean losesAdmin = existing.role() == Role.ADMIN && (command.role() != Role.ADMIN || !command.enabled());
		if (losesAdmin && this.agents.countAdmins(tenantId) <= 1) {
			throw new Problems.Conflict(Text.of("agent.lastAdmin"));
		}
		String username = command.username().trim();
		try {
			this.jdbc.sql("""
					UPDATE users SET username = ?, display_name = ?, email = ?, role = ?, enabled = ?, external_id = ?
					WHERE id = ?""")
				.params(username, command.displayName().trim(), blankToNull(command.email()), command.role().name(),
						command.enabled(), blankToNull(command.externalId()), id)
				.update();
		}
		catch (DuplicateKeyException raced) {
			throw usernameClash(raced, username);
		}
		if (command.password() != null && !command.password().isEmpty()) {
			changePassword(tenantId, id, command.password());
		}
		else if (existing.role() != command.role() || existing.enabled() != command.enabled()
				|| !existing.username().equals(username)) {
			endSessions(tenantId, id);
		}
		return this.agents.get(tenantId, id);
	}

	/** Sets a new password and ends the agent's login sessions. */
	@Transactional
	public void changePassword(long tenantId, long id, String password) {
		this.agents.get(tenantId, id);
		if (password.length() < 8) {
			throw new Problems.InvalidInput("password", Text.of("agent.passwordTooShort", "8"));
		}
		this.jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?")
			.params(this.passwords.encode(password), id)
			.update();
		endSessions(tenantId, id);
	}

	// Every login session checks the version on its next request (see
	// Agents.sessionVersion);
	// the increment happens in the database, so concurrent changes each count.
	private void endSessions(long tenantId, long id) {
		this.jdbc.sql("UPDATE users SET session_version = session_version + 1 WHERE id = ?").param(id).update();
		this.events.publishEvent(new AgentAccessChanged(tenantId, id));
	}

	@Transactional
	public void delete(long tenantId, long id, long actingUserId) {
		Agent agent = this.agents.get(tenantId, id);
		if (id == actingUserId) {
			throw new Problems.Conflict(Text.of("agent.deleteSelf"));
		}
		if (agent.role() == Role.ADMIN && this.agents.countAdmins(tenantId) <= 1) {
			throw new Problems.Conflict(Text.of("agent.lastAdminDelete"));
		}
		this.jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
		this.events.publishEvent(new AgentAccessChanged(tenantId, id));
	}

	/**
	 * Gives an agent an extension on a telephony account, replacing the agent's previous
	 * one on that account. An extension held by someone else is refused with a message
	 * naming the holder; one the account does not have (where its settings define its
	 * extensions, as the sandbox's do) is refused naming those it has.
	 */
	@Transactional
	public AgentExtension assignExtension(long tenantId, long agentId, long accountId, String extension) {
		Agent agent = this.agents.get(tenantId, agentId);
		TelephonyAccount account = this.accounts.get(tenantId, accountId);
		String trimmed = (extension != null) ? extension.trim() : "";
		if (!Extensions.valid(trimmed)) {
			throw new Problems.InvalidInput("extension", Text.of("agent.badExtension"));
		}
		this.accountService.requireExtension(account, trimmed);
		Optional<Agent> holder = this.agents.onExtension(accountId, trimmed);
		if (holder.isPresent() && holder.get().id() != agent.id()) {
			throw new Problems.Conflict(Text.of("agent.extensionTaken", trimmed, account.name(),
					holder.get().displayName(), holder.get().username()));
		}
		this.jdbc.sql("DELETE FROM agent_extensions WHERE account_id = ? AND agent_id = ?")
			.params(accountId, agentId)
			.update();
		this.jdbc.sql("INSERT INTO agent_extensions (tenant_id, account_id, agent_id, extension) VALUES (?, ?, ?, ?)")
			.params(tenantId, accountId, agentId, trimmed)
			.update();
		if (holder.isEmpty()) {
			// The provider's employee behind the new extension follows the agent's status
			// too.
			this.statuses.extensionAssigned(account, agentId);
		}
		return new AgentExtension(accountId, agentId, trimmed);
	}

	@Transactional
	public void removeExtension(long tenantId, long agentId, long accountId) {
		this.agents.get(tenantId, agentId);
		this.accounts.get(tenantId, accountId);
		int removed = this.jdbc.sql("DELETE FROM agent_extensions WHERE account_id = ? AND agent_id = ?")
			.params(accountId, agentId)
			.update();
		if (removed == 0) {
			throw new Problems.NotFound(Text.of("what.agentExtension", String.valueOf(agentId)), accountId);
		}
		this.statuses.extensionRemoved(accountId, agentId);
	}

	/** Makes the agent the tenant's default responsible agent; {@code null} clears it. */
	@Transactional
	public void setDefaultResponsible(long tenantId, @Nullable Long agentId) {
		if (agentId != null) {
			this.agents.get(tenantId, agentId);
		}
		this.jdbc.sql("UPDATE users SET default_responsible = FALSE WHERE tenant_id = ?").param(tenantId).update();
		if (agentId != null) {
			this.jdbc.sql("UPDATE users SET default_responsible = TRUE WHERE id = ?").param(agentId).update();
		}
	}

	private void validate(long tenantId, AgentCommand command, @Nullable Agent existing) {
		List<FieldError> errors = new ArrayList<>();
		String username = (command.username() != null) ? command.username().trim() : "";
		if (!USERNAME.matcher(username).matches()) {
			errors.add(new FieldError("username", Text.of("agent.badUsername")));
		}
		else if ((existing == null || !existing.username().equals(username))
				&& this.agents.findForLogin(tenantId, username).isPresent()) {
			// Only this tenant's users are looked at: the answer says nothing about other
			// tenants.
			errors.add(usernameTaken(username).errors().get(0));
		}
		if (command.displayName() == null || command.displayName().isBlank() || command.displayName().length() > 200) {
			errors.add(new FieldError("displayName", Text.of("agent.displayNameRequired", "200")));
		}
		if (command.role() == null) {
			errors.add(new FieldError("role", Text.of("agent.badRole")));
		}
		if (command.email() != null && !command.email().isBlank() && !command.email().contains("@")) {
			errors.add(new FieldError("email", Text.of("problem.notEmail", command.email())));
		}
		boolean passwordRequired = existing == null;
		String password = command.password();
		if ((passwordRequired || (password != null && !password.isEmpty()))
				&& (password == null || password.length() < 8)) {
			errors.add(new FieldError("password", Text.of("agent.passwordTooShort", "8")));
		}
		checkExternalId(tenantId, command.externalId(), existing, errors);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

	private void checkExternalId(long tenantId, @Nullable String externalId, @Nullable Agent existing,
			List<FieldError> errors) {
		String value = blankToNull(externalId);
		if (value == null) {
			return;
		}
		if (value.length() > 100) {
			errors.add(new FieldError("externalId", Text.of("problem.externalIdTooLong", "100")));
			return;
		}
		this.jdbc.sql("SELECT username FROM users WHERE tenant_id = ? AND external_id = ? AND id <> ?")
			.params(tenantId, value, (existing != null) ? existing.id() : -1L)
			.query(String.class)
			.optional()
			.ifPresent((holder) -> errors
				.add(new FieldError("externalId", Text.of("agent.externalIdTaken", value, holder))));
	}

	// A concurrent request took the username between the check and the write; any other
	// clash (the external id) stays an error.
	private static RuntimeException usernameClash(DuplicateKeyException raced, String username) {
		String message = String.valueOf(raced.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("users_tenant_username") ? usernameTaken(username) : raced;
	}

	private static Problems.InvalidInput usernameTaken(String username) {
		return new Problems.InvalidInput("username", Text.of("agent.usernameTaken", username));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
