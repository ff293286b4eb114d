package io.callbridge.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport.CellError;
import io.callbridge.contacts.ContactImport.State;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The status rows of contact imports ({@code contact_imports}): written by the node that
 * runs an import, read by any node. Times are the database's clock, so a node that
 * stopped is recognised by every other one.
 */
@Repository
public class ContactImports {

	/** Errors kept per import: enough to fix a file, bounded for a million bad rows. */
	static final int MAX_ERRORS = 1000;

	/** A running import whose heartbeat is older than this is shown as interrupted. */
	static final int STALE_SECONDS = 60;

	private final JdbcClient jdbc;

	ContactImports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long create(long tenantId, @Nullable String fileName, ImportMode mode, long bytes) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO contact_imports (tenant_id, file_name, mode, state, rows_read, rows_written, bytes_read,
				  bytes_total, created_count, updated_count, error_rows, created_at, heartbeat_at)
				VALUES (?, ?, ?, 'QUEUED', 0, 0, 0, ?, 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
			.params(tenantId, cut(fileName, 255), mode.name(), bytes)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void progress(long id, long rowsRead, long rowsWritten, long bytesRead, long errorRows) {
		this.jdbc.sql("""
				UPDATE contact_imports SET state = 'RUNNING', rows_read = ?, rows_written = ?, bytes_read = ?,
				  error_rows = ?, heartbeat_at = CURRENT_TIMESTAMP
				WHERE id = ? AND state IN ('QUEUED', 'RUNNING')""")
			.params(rowsRead, rowsWritten, bytesRead, errorRows, id)
			.update();
	}

	/** Keeps the given running imports alive (their node is up). */
	void beat(Collection<Long> ids) {
		for (long id : ids) {
			this.jdbc.sql("UPDATE contact_imports SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")
				.param(id)
				.update();
		}
	}

	/** The end of a successful import; written in the import's own transaction. */
	void done(long id, long rows, long created, long updated) {
		this.jdbc.sql("""
				UPDATE contact_imports SET state = 'DONE', rows_read = ?, rows_total = ?, rows_written = ?,
				  bytes_read = bytes_total, created_count = ?, updated_count = ?, error_rows = 0,
				  heartbeat_at = CURRENT_TIMESTAMP, finished_at = CURRENT_TIMESTAMP
				WHERE id = ?""").params(rows, rows, created + updated, created, updated, id).update();
	}

	/** The end of an import that kept nothing, with its errors. */
	void ended(long id, State state, @Nullable Long rows, long errorRows, @Nullable Text problem,
			List<CellError> errors) {
		this.jdbc.sql("""
				UPDATE contact_imports SET state = ?, rows_total = ?, rows_written = 0, error_rows = ?, problem = ?,
				  heartbeat_at = CURRENT_TIMESTAMP, finished_at = CURRENT_TIMESTAMP
				WHERE id = ?""")
			.params(state.name(), rows, errorRows, (problem != null) ? store(problem) : null, id)
			.update();
		int position = 0;
		for (CellError error : errors.subList(0, Math.min(errors.size(), MAX_ERRORS))) {
			this.jdbc.sql("""
					INSERT INTO contact_import_errors (import_id, position, line, column_name, message)
					VALUES (?, ?, ?, ?, ?)""")
				.params(id, position++, error.line(), error.column(), store(error.message()))
				.update();
		}
	}

	/**
	 * An import of the tenant.
	 * @param tenantId the tenant
	 * @param id the import
	 * @return the import; a 404 problem when the tenant has none with this id
	 */
	public ContactImport get(long tenantId, long id) {
		return this.jdbc.sql("""
				SELECT i.*, CASE WHEN i.heartbeat_at < CURRENT_TIMESTAMP - INTERVAL '%d' SECOND THEN 1 ELSE 0 END
				  AS stale
				FROM contact_imports i WHERE i.id = ? AND i.tenant_id = ?""".formatted(STALE_SECONDS))
			.params(id, tenantId)
			.query((rs, n) -> row(rs))
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("import.what"), id));
	}

	private ContactImport row(ResultSet rs) throws SQLException {
		long id = rs.getLong("id");
		State state = State.valueOf(rs.getString("state"));
		if (!state.finished() && rs.getInt("stale") == 1) {
			state = State.INTERRUPTED;
		}
		List<CellError> errors = (state == State.REFUSED) ? errors(id) : List.of();
		long rowsTotal = rs.getLong("rows_total");
		return new ContactImport(id, state, rs.getString("file_name"), ImportMode.valueOf(rs.getString("mode")),
				rs.getLong("rows_read"), rs.getLong("rows_written"), rs.wasNull() ? null : rowsTotal,
				rs.getLong("bytes_read"), rs.getLong("bytes_total"), rs.getLong("created_count"),
				rs.getLong("updated_count"), rs.getLong("error_rows"), read(rs.getString("problem")), errors,
				Objects.requireNonNull(Jdbc.instant(rs, "created_at")), Jdbc.instant(rs, "finished_at"));
	}

	private List<CellError> errors(long id) {
		return this.jdbc.sql("""
				SELECT line, column_name, message FROM contact_import_errors WHERE import_id = ? ORDER BY position""")
			.param(id)
			.query((rs, n) -> new CellError(rs.getLong("line"), rs.getString("column_name"),
					read(rs.getString("message"))))
			.list();
	}

	// A text is kept as its message key and arguments, so it is shown in the language of
	// whoever reads the import.
	static String store(Text text) {
		return JsonMapper.shared().writeValueAsString(tree(text));
	}

	private static Object tree(Text text) {
		if (text.key() == null) {
			return Map.of("literal", String.valueOf(text.getDefaultMessage()));
		}
		List<Object> args = new ArrayList<>();
		for (Object arg : text.getArguments()) {
			args.add((arg instanceof Text nested) ? tree(nested) : String.valueOf(arg));
		}
		return Map.of("key", text.key(), "args", args);
	}

	private static @Nullable Text read(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		try {
			return text(JsonMapper.shared().readTree(stored));
		}
		catch (JacksonException ex) {
			return Text.literal(stored);
		}
	}

	private static Text text(JsonNode node) {
		if (node.has("literal")) {
			return Text.literal(node.get("literal").asString());
		}
		List<Object> args = new ArrayList<>();
		for (JsonNode arg : node.get("args")) {
			args.add(arg.isObject() ? text(arg) : arg.asString());
		}
		return Text.of(node.get("key").asString(), args.toArray());
	}

	private static @Nullable String cut(@Nullable String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
