package io.callbridge.calls.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallDispositionSaved;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.TenantCreated;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records dispositions on calls and manages the tenant's list of outcomes. An agent may
 * disposition the calls they took part in; supervisors and admins any call of the tenant.
 */
@Service
public class DispositionService {

	// A seeded outcome whose label nobody changed shows in the reader's language.
	private static final RowMapper<DispositionOutcome> OUTCOME = (rs, n) -> new DispositionOutcome(
			rs.getLong("id"), rs.getString("code"), (rs.getString("label_key") != null)
					? Text.of(rs.getString("label_key")).localized() : rs.getString("label"),
			rs.getInt("position"), rs.getBoolean("active"));

	private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

	private static final RowMapper<Disposition> DISPOSITION = (rs, n) -> new Disposition(rs.getLong("call_id"),
			rs.getString("outcome"), rs.getString("notes"), rs.getBigDecimal("charge_amount"),
			rs.getString("charge_currency"), Jdbc.longOrNull(rs, "agent_id"), Jdbc.instant(rs, "created_at"),
			Jdbc.instant(rs, "updated_at"));

	private final JdbcClient jdbc;

	private final Calls calls;

	private final Tenants tenants;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final String byCalls;

	DispositionService(JdbcClient jdbc, Calls calls, Tenants tenants, MessageSource messages,
			ApplicationEventPublisher events, KeyedReads keyed) {
		this.byCalls = keyed.select("k.*", "call_dispositions", "call_id", "tenant_id = ?");
		this.messages = messages;
		this.events = events;
		this.jdbc = jdbc;
		this.calls = calls;
		this.tenants = tenants;
	}

	/**
	 * A disposition as submitted.
	 *
	 * @param outcome outcome code
	 * @param notes notes
	 * @param chargeAmount optional charge, zero or more, two decimals at most
	 * @param chargeCurrency currency of the charge (default: the tenant's)
	 */
	public record DispositionCommand(@Nullable String outcome, @Nullable String notes,
			@Nullable BigDecimal chargeAmount, @Nullable String chargeCurrency) {
	}

	/**
	 * An outcome's label as stored, for readers that show it in their reader's language
	 * later (statistics): {@code labelKey} is the message key of a seeded outcome's label
	 * nobody changed, shown instead of {@code label}.
	 *
	 * @param code outcome code
	 * @param label the label as stored
	 * @param labelKey the label's message key, {@code null} for a label of the tenant's
	 * own
	 */
	public record OutcomeLabel(String code, String label, @Nullable String labelKey) {
	}

	public Optional<Disposition> find(long tenantId, long callId) {
		return this.jdbc.sql("SELECT * FROM call_dispositions WHERE tenant_id = ? AND call_id = ?")
			.params(tenantId, callId)
			.query(DISPOSITION)
			.optional();
	}

	public Map<Long, Disposition> forCalls(long tenantId, Collection<Long> callIds) {
		if (callIds.isEmpty()) {
			return Map.of();
		}
		return Jdbc.chunks(callIds)
			.stream()
			.flatMap((chunk) -> this.jdbc.sql(this.byCalls)
				.params(KeyedReads.keys(chunk), tenantId)
				.query(DISPOSITION)
				.list()
				.stream())
			.collect(Collectors.toMap(Disposition::callId, Function.identity()));
	}

	/**
	 * The collection charges recorded with the outcomes of a contact's calls, summed per
	 * currency (currency → total), for the contact's file.
	 */
	public Map<String, BigDecimal> chargesOfContact(long tenantId, long contactId) {
		Map<String, BigDecimal> totals = new TreeMap<>();
		this.jdbc.sql("""
				SELECT d.charge_currency AS currency, SUM(d.charge_amount) AS total
				FROM call_dispositions d JOIN calls c ON c.id = d.call_id
				WHERE c.tenant_id = ? AND c.contact_id = ? AND d.charge_amount IS NOT NULL
				GROUP BY d.charge_currency""")
			.params(tenantId, contactId)
			.query((rs, n) -> totals.put(Objects.toString(rs.getString("currency"), ""), rs.getBigDecimal("total")))
			.list();
		return totals;
	}

	@Transactional
	public Disposition save(CurrentUser user, long callId, DispositionCommand command) {
		Call call = this.calls.get(user.tenantId(), callId);
		requireParticipant(user, call);
		validate(user.tenantId(), command);
		String currency = (command.chargeAmount() == null) ? null
				: (command.chargeCurrency() != null && !command.chargeCurrency().isBlank())
						? command.chargeCurrency().strip().toUpperCase(java.util.Locale.ROOT)
						: this.tenants.get(user.tenantId()).currency();
		Instant now = Instant.now();
		int updated = this.jdbc
			.sql("""
					UPDATE call_dispositions SET outcome = ?, notes = ?, charge_amount = ?, charge_currency = ?, agent_id = ?,
					  updated_at = ? WHERE call_id = ?""")
			.params(command.outcome(), blank(command.notes()), command.chargeAmount(), currency, user.userId(),
					Jdbc.ts(now), callId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO call_dispositions (call_id, tenant_id, outcome, notes, charge_amount, charge_currency,
					  agent_id, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(callId, user.tenantId(), command.outcome(), blank(command.notes()), command.chargeAmount(),
						currency, user.userId(), Jdbc.ts(now), Jdbc.ts(now))
				.update();
		}
		Disposition saved = find(user.tenantId(), callId).orElseThrow();
		this.events.publishEvent(new CallDispositionSaved(user.tenantId(), callId, saved.outcome(), saved.agentId(),
				saved.notes(), saved.chargeAmount(), saved.chargeCurrency()));
		return saved;
	}

	public List<DispositionOutcome> outcomes(long tenantId, boolean activeOnly) {
		return this.jdbc
			.sql("SELECT * FROM disposition_outcomes WHERE tenant_id = ?" + (activeOnly ? " AND active = TRUE" : "")
					+ " ORDER BY position, id")
			.param(tenantId)
			.query(OUTCOME)
			.list();
	}

	/**
	 * Every outcome of the tenant (active or not) with its label as stored, in list
	 * order.
	 */
	public List<OutcomeLabel> outcomeLabels(long tenantId) {
		return this.jdbc
			.sql("SELECT code, label, label_key FROM disposition_outcomes WHERE tenant_id = ? ORDER BY position, id")
			.param(tenantId)
			.query((rs, n) -> new OutcomeLabel(rs.getString("code"), rs.getString("label"), rs.getString("label_key")))
			.list();
	}

	@Transactional
	public DispositionOutcome saveOutcome(long tenantId, String code, String label, int position, boolean active) {
		if (code == null || !code.matches("[a-z0-9-]{1,60}")) {
			throw new Problems.InvalidInput("code", Text.of("outcome.badCode"));
		}
		if (label == null || label.isBlank() || label.length() > 120) {
			throw new Problems.InvalidInput("label", Text.of("outcome.labelRequired", "120"));
		}
		int updated = keepsSeededLabel(tenantId, code, label.strip())
				? this.jdbc
					.sql("UPDATE disposition_outcomes SET position = ?, active = ? WHERE tenant_id = ? AND code = ?")
					.params(position, active, tenantId, code)
					.update()
				: this.jdbc.sql("""
						UPDATE disposition_outcomes SET label = ?, label_key = NULL, position = ?, active = ?
						WHERE tenant_id = ? AND code = ?""")
					.params(label.strip(), position, active, tenantId, code)
					.update();
		if (updated == 0) {
			this.jdbc
				.sql("""
						INSERT INTO disposition_outcomes (tenant_id, code, label, position, active) VALUES (?, ?, ?, ?, ?)""")
				.params(tenantId, code, label.strip(), position, active)
				.update();
		}
		return outcomes(tenantId, false).stream().filter((o) -> o.code().equals(code)).findFirst().orElseThrow();
	}

	/** Gives a new tenant the default tenant's outcome list to start with. */
	@EventListener
	void on(TenantCreated event) {
		this.tenants.findBySlug(Tenant.DEFAULT_SLUG)
			.ifPresent((template) -> this.jdbc.sql("""
					INSERT INTO disposition_outcomes (tenant_id, code, label, label_key, position, active)
					SELECT ?, code, label, label_key, position, active FROM disposition_outcomes WHERE tenant_id = ?""")
				.params(event.tenantId(), template.id())
				.update());
	}

	// Saving a seeded outcome with its label as some language shows it (the form shows
	// the reader's) is no rename: it keeps following the reader's language.
	private boolean keepsSeededLabel(long tenantId, String code, String label) {
		return this.jdbc.sql(
				"SELECT label_key FROM disposition_outcomes WHERE tenant_id = ? AND code = ? AND label_key IS NOT NULL")
			.params(tenantId, code)
			.query(String.class)
			.optional()
			.filter((key) -> LANGUAGES.stream().anyMatch((l) -> Text.of(key).in(this.messages, l).equals(label)))
			.isPresent();
	}

	private void requireParticipant(CurrentUser user, Call call) {
		if (user.isAtLeast(Role.SUPERVISOR)) {
			return;
		}
		if (!this.calls.participants(call.id()).contains(user.userId())) {
			throw new Problems.Forbidden(Text.of("disposition.notParticipant"));
		}
	}

	private void validate(long tenantId, DispositionCommand command) {
		List<FieldError> errors = new ArrayList<>();
		List<String> codes = outcomes(tenantId, true).stream().map(DispositionOutcome::code).toList();
		if (command.outcome() == null || !codes.contains(command.outcome())) {
			errors.add(new FieldError("outcome", Text.of("disposition.chooseOutcome", String.join(", ", codes))));
		}
		if (command.notes() != null && command.notes().length() > 4000) {
			errors.add(new FieldError("notes", Text.of("task.notesTooLong", "4000")));
		}
		BigDecimal charge = command.chargeAmount();
		if (charge != null
				&& (charge.signum() < 0 || charge.scale() > 2 || charge.compareTo(new BigDecimal("1000000000")) >= 0)) {
			errors.add(new FieldError("chargeAmount", Text.of("disposition.badCharge")));
		}
		if (command.chargeCurrency() != null && !command.chargeCurrency().isBlank()
				&& !command.chargeCurrency().strip().matches("[A-Za-z]{3}")) {
			errors.add(new FieldError("chargeCurrency", Text.of("disposition.badCurrency")));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
