package io.callbridge.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-ups of cases (VCC's follow-ups): dated interactions recorded on a case,
 * created and deleted but never edited.
 */
@Service
public class CaseFollowUps {

	static final int MAX_TEXT = 4000;

	private final JdbcClient jdbc;

	private final KnownCalls calls;

	private final RecordChangeLog changes;

	private final ApplicationEventPublisher events;

	CaseFollowUps(JdbcClient jdbc, KnownCalls calls, RecordChangeLog changes, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.calls = calls;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * A follow-up to record.
	 *
	 * @param kind call, e-mail, note or visit
	 * @param text what happened (required, at most 4000 characters)
	 * @param occurredAt when it happened; {@code null} for now
	 * @param callId the call it records, if any
	 */
	public record NewFollowUp(FollowUpKind kind, String text, @Nullable Instant occurredAt, @Nullable Long callId) {
	}

	/**
	 * Records a follow-up on a case.
	 * @param tenantId tenant
	 * @param caseId the case (404 if it is not the tenant's)
	 * @param authorId the user recording it
	 * @param followUp what to record
	 * @return the follow-up
	 */
	@Transactional
	public CaseFollowUp create(long tenantId, long caseId, long authorId, NewFollowUp followUp) {
		this.changes.claim(tenantId);
		long customerId = customerOfCase(tenantId, caseId);
		validate(tenantId, followUp);
		Instant now = Instant.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO case_follow_ups (tenant_id, case_id, kind, text, occurred_at, author_id, call_id, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, caseId, followUp.kind().name(), followUp.text().strip(),
					Jdbc.ts((followUp.occurredAt() != null) ? followUp.occurredAt() : now), authorId, followUp.callId(),
					Jdbc.ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		this.events.publishEvent(new CaseFollowUpCreated(tenantId, id, caseId, customerId));
		return get(tenantId, id);
	}

	public CaseFollowUp get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.followUp"), id));
	}

	public Optional<CaseFollowUp> find(long tenantId, long id) {
		return this.jdbc.sql("""
				SELECT f.*, c.customer_id FROM case_follow_ups f JOIN cases c ON c.id = f.case_id
				WHERE f.tenant_id = ? AND f.id = ?""").params(tenantId, id).query(CaseFollowUps::row).optional();
	}

	/** A case's follow-ups, most recent first (404 if the case is not the tenant's). */
	public List<CaseFollowUp> forCase(long tenantId, long caseId) {
		customerOfCase(tenantId, caseId);
		return this.jdbc.sql("""
				SELECT f.*, c.customer_id FROM case_follow_ups f JOIN cases c ON c.id = f.case_id
				WHERE f.tenant_id = ? AND f.case_id = ? ORDER BY f.occurred_at DESC, f.id DESC""")
			.params(tenantId, caseId)
			.query(CaseFollowUps::row)
			.list();
	}

	/** The follow-ups of these cases, most recent first, by case id. */
	public Map<Long, List<CaseFollowUp>> forCases(long tenantId, Collection<Long> caseIds) {
		Map<Long, List<CaseFollowUp>> byCase = new LinkedHashMap<>();
		for (List<Long> chunk : Jdbc.chunks(caseIds)) {
			this.jdbc.sql("""
					SELECT f.*, c.customer_id FROM case_follow_ups f JOIN cases c ON c.id = f.case_id
					WHERE f.tenant_id = :tenant AND f.case_id IN (:ids) ORDER BY f.occurred_at DESC, f.id DESC""")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(CaseFollowUps::row)
				.list()
				.forEach((followUp) -> byCase.computeIfAbsent(followUp.caseId(), (k) -> new ArrayList<>())
					.add(followUp));
		}
		return byCase;
	}

	/** The tenant's follow-ups with these ids (those that still exist), by id. */
	public Map<Long, CaseFollowUp> byIds(long tenantId, Collection<Long> ids) {
		Map<Long, CaseFollowUp> byId = new LinkedHashMap<>();
		for (List<Long> chunk : Jdbc.chunks(ids)) {
			this.jdbc.sql("""
					SELECT f.*, c.customer_id FROM case_follow_ups f JOIN cases c ON c.id = f.case_id
					WHERE f.tenant_id = :tenant AND f.id IN (:ids)""")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(CaseFollowUps::row)
				.list()
				.forEach((followUp) -> byId.put(followUp.id(), followUp));
		}
		return byId;
	}

	/** Deletes a follow-up (404 if it is not the tenant's). */
	@Transactional
	public void delete(long tenantId, long id) {
		this.changes.claim(tenantId);
		CaseFollowUp followUp = get(tenantId, id);
		this.jdbc.sql("DELETE FROM case_follow_ups WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
		this.events.publishEvent(new CaseFollowUpDeleted(tenantId, id, followUp.caseId(), followUp.customerId()));
	}

	/**
	 * Deletes every follow-up of a case, each with its event; part of deleting the case,
	 * inside its transaction.
	 */
	void deleteAllOf(long tenantId, long caseId, long customerId) {
		List<Long> ids = this.jdbc.sql("SELECT id FROM case_follow_ups WHERE tenant_id = ? AND case_id = ? ORDER BY id")
			.params(tenantId, caseId)
			.query(Long.class)
			.list();
		for (long id : ids) {
			this.jdbc.sql("DELETE FROM case_follow_ups WHERE id = ?").param(id).update();
			this.events.publishEvent(new CaseFollowUpDeleted(tenantId, id, caseId, customerId));
		}
	}

	private long customerOfCase(long tenantId, long caseId) {
		return this.jdbc.sql("SELECT customer_id FROM cases WHERE tenant_id = ? AND id = ?")
			.params(tenantId, caseId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.case"), caseId));
	}

	private void validate(long tenantId, NewFollowUp followUp) {
		List<FieldError> errors = new ArrayList<>();
		if (followUp.kind() == null) {
			errors.add(new FieldError("kind", Text.of("followUp.kindRequired")));
		}
		if (followUp.text() == null || followUp.text().isBlank()) {
			errors.add(new FieldError("text", Text.of("followUp.textRequired", String.valueOf(MAX_TEXT))));
		}
		else if (followUp.text().strip().length() > MAX_TEXT) {
			errors.add(new FieldError("text",
					Text.of("problem.fieldTooLong", Text.of("field.text"), String.valueOf(MAX_TEXT))));
		}
		if (followUp.callId() != null && !this.calls.isCallOf(tenantId, followUp.callId())) {
			errors.add(new FieldError("callId", Text.of("case.unknownCall", String.valueOf(followUp.callId()))));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

	private static CaseFollowUp row(ResultSet rs, int n) throws SQLException {
		return new CaseFollowUp(rs.getLong("id"), rs.getLong("case_id"), rs.getLong("customer_id"),
				FollowUpKind.valueOf(rs.getString("kind")), rs.getString("text"), Jdbc.instant(rs, "occurred_at"),
				Jdbc.longOrNull(rs, "author_id"), Jdbc.longOrNull(rs, "call_id"), Jdbc.instant(rs, "created_at"));
	}

}
