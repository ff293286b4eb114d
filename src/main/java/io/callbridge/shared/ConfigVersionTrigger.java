package io.callbridge.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.api.Trigger;

/**
 * The H2 trigger that raises a tenant's configuration version (see {@link ConfigCache})
 * for every row inserted, updated or deleted in a configuration table (and for a change
 * of the tenant's own row), inside the changing transaction; PostgreSQL's are the
 * functions {@code config_version_raise} and {@code config_version_raise_tenant}.
 */
public class ConfigVersionTrigger implements Trigger {

	private static final String RAISE = """
			MERGE INTO config_versions v USING (VALUES (CAST(? AS BIGINT))) AS t (tenant_id)
			ON v.tenant_id = t.tenant_id
			WHEN MATCHED THEN UPDATE SET version = v.version + 1
			WHEN NOT MATCHED THEN INSERT (tenant_id, version) VALUES (t.tenant_id, 1)""";

	private int tenantColumn = -1;

	@Override
	public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
			throws SQLException {
		// The tenants table names its tenant by its own id.
		String tenantColumnName = "TENANTS".equalsIgnoreCase(table) ? "ID" : "TENANT_ID";
		try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
			while (columns.next()) {
				if (tenantColumnName.equalsIgnoreCase(columns.getString("COLUMN_NAME"))) {
					this.tenantColumn = columns.getInt("ORDINAL_POSITION") - 1;
				}
			}
		}
		if (this.tenantColumn < 0) {
			throw new SQLException("Table " + table + " has no " + tenantColumnName + " column for trigger " + trigger);
		}
	}

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		Object before = (oldRow != null) ? oldRow[this.tenantColumn] : null;
		Object after = (newRow != null) ? newRow[this.tenantColumn] : null;
		if (before != null) {
			raise(connection, before);
		}
		if (after != null && !Objects.equals(before, after)) {
			raise(connection, after);
		}
	}

	private static void raise(Connection connection, Object tenantId) throws SQLException {
		try (PreparedStatement raise = connection.prepareStatement(RAISE)) {
			raise.setObject(1, tenantId);
			raise.executeUpdate();
		}
	}

}
