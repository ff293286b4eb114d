package io.callbridge.uis.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.uis.UisPoints;
import io.callbridge.uis.UisSettings;
import io.callbridge.uis.outbound.UisApiClient.Employee;
import io.callbridge.uis.outbound.UisApiClient.VirtualNumber;

/**
 * The checks of a UIS account, in order: credentials (the token, or a session opened with
 * the login, accepted by the Data API), the Data API's points left, the default virtual
 * number (one of the account's, active) and the employees visible. When the credentials
 * fail the rest is reported as not checked.
 */
final class UisAccountChecks {

	private static final String PROVIDER = "uis";

	private static final int NAMES_SHOWN = 10;

	private final UisApiClient api;

	private final UisPointLimits limits;

	private final Function<UisAccess, List<Employee>> employees;

	UisAccountChecks(UisApiClient api, UisPointLimits limits, Function<UisAccess, List<Employee>> employees) {
		this.api = api;
		this.limits = limits;
		this.employees = employees;
	}

	List<AccountCheck> run(Supplier<UisAccess> accessOf, UisSettings settings) {
		List<AccountCheck> checks = new ArrayList<>();
		UisAccess access;
		List<VirtualNumber> numbers;
		try {
			access = accessOf.get();
			numbers = this.api.virtualNumbers(access);
			checks.add(check("credentials", true, Text
				.of((access.auth() instanceof UisAccess.Token) ? "uisCheck.tokenAccepted" : "uisCheck.sessionOpened")));
		}
		catch (UisApiException ex) {
			checks.add(check("credentials", false, ex.text()));
			Text skipped = Text.of((ex.kind() == UisApiException.Kind.RATE_LIMITED) ? "uisCheck.skippedRateLimited"
					: (ex.kind() == UisApiException.Kind.UNREACHABLE) ? "uisCheck.skippedUnreachable"
							: "uisCheck.skippedRejected");
			checks.add(check("points", false, skipped));
			checks.add(check("virtualNumber", false, skipped));
			checks.add(check("employees", false, skipped));
			return checks;
		}
		checks.add(points(access.accountId()));
		checks.add(virtualNumber(settings, numbers));
		checks.add(employees(access));
		return checks;
	}

	private static AccountCheck check(String code, boolean passed, Text detail) {
		return AccountCheck.of(PROVIDER, code, passed, detail);
	}

	private AccountCheck points(long accountId) {
		Optional<UisPoints> data = this.limits.points(accountId)
			.stream()
			.filter((points) -> UisApi.DATA.key().equals(points.api()))
			.findFirst();
		if (data.isEmpty()) {
			return check("points", true, Text.of("uisCheck.noLimits"));
		}
		UisPoints points = data.get();
		return check("points", points.dayRemaining() > 0 && points.minuteRemaining() > 0, Text.of("uisCheck.points",
				points.dayRemaining(), points.dayLimit(), points.minuteRemaining(), points.minuteLimit()));
	}

	private static AccountCheck virtualNumber(UisSettings settings, List<VirtualNumber> numbers) {
		String all = numbers.isEmpty() ? "—"
				: numbers.stream().map((n) -> n.number() + " (" + n.status() + ")").collect(Collectors.joining(", "));
		if (settings.virtualNumber().isEmpty()) {
			return check("virtualNumber", false, Text.of("uisCheck.noVirtualNumber", all));
		}
		String wanted = settings.virtualNumber().get();
		Optional<VirtualNumber> found = numbers.stream().filter((n) -> n.number().equals(wanted)).findFirst();
		if (found.isEmpty()) {
			return check("virtualNumber", false, Text.of("uisCheck.virtualNumberNotOurs", wanted, all));
		}
		if (!found.get().active()) {
			return check("virtualNumber", false,
					Text.of("uisCheck.virtualNumberInactive", wanted, found.get().status()));
		}
		return check("virtualNumber", true, Text.of("uisCheck.virtualNumber", wanted));
	}

	private AccountCheck employees(UisAccess access) {
		try {
			List<Employee> listed = this.employees.apply(access);
			if (listed.isEmpty()) {
				return check("employees", false, Text.of("uisCheck.noEmployees"));
			}
			String names = listed.stream()
				.limit(NAMES_SHOWN)
				.map((employee) -> employee.id() + " " + UisTelephonyClient.label(employee))
				.collect(Collectors.joining(", "));
			return check("employees", true, Text.of("uisCheck.employees", listed.size(), names));
		}
		catch (UisApiException ex) {
			return check("employees", false, ex.text());
		}
	}

}
