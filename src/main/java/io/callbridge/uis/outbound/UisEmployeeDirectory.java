package io.callbridge.uis.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisEmployees;
import io.callbridge.uis.outbound.UisApiClient.Employee;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The employees of each UIS account as last read from {@code get.employees}, in
 * {@code uis_employees}: replaced as a whole on every read (listing the account's
 * endpoints, checking the account), so an employee removed in UIS disappears here too.
 */
@Repository
class UisEmployeeDirectory implements UisEmployees {

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	UisEmployeeDirectory(JdbcClient jdbc, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public Optional<UisEmployee> find(long accountId, String employeeId) {
		return this.jdbc.sql("SELECT * FROM uis_employees WHERE account_id = ? AND employee_id = ?")
			.params(accountId, employeeId.strip())
			.query(UisEmployeeDirectory::map)
			.optional();
	}

	@Override
	public List<UisEmployee> list(long accountId) {
		return this.jdbc.sql("SELECT * FROM uis_employees WHERE account_id = ? ORDER BY full_name, employee_id")
			.param(accountId)
			.query(UisEmployeeDirectory::map)
			.list();
	}

	/** Replaces the account's employees with those UIS listed now. */
	@Transactional
	void replace(long accountId, List<Employee> employees) {
		Instant now = this.clock.now();
		this.jdbc.sql("DELETE FROM uis_employees WHERE account_id = ?").param(accountId).update();
		for (Employee employee : employees) {
			this.jdbc.sql("""
					INSERT INTO uis_employees (account_id, employee_id, full_name, extension, phone_numbers, status,
					    updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(accountId, employee.id(), cut(employee.fullName(), 300), employee.extension(),
						cut(String.join(",", employee.phoneNumbers()), 2000), employee.status(), Jdbc.ts(now))
				.update();
		}
	}

	private static String cut(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

	private static UisEmployee map(ResultSet rs, int n) throws SQLException {
		String phones = rs.getString("phone_numbers");
		return new UisEmployee(rs.getLong("account_id"), rs.getString("employee_id"), rs.getString("full_name"),
				rs.getString("extension"),
				phones.isBlank() ? List.of() : Arrays.stream(phones.split(",")).map(String::strip).toList(),
				rs.getString("status"));
	}

}
