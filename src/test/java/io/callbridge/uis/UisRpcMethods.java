package io.callbridge.uis;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

/**
 * The methods of the simulated Call API and Data API and what stands before them
 * (protocol notes B2, B3, B5): the IP allow-list, the token, the account and the
 * component switches, a failure a test injected, then the points, the method, and the
 * answer's {@code metadata} ({@code limits}, and {@code total_items} for get methods).
 */
final class UisRpcMethods {

	private static final long APP_ID = 4242;

	final SimulatedUisTokens tokens;

	final Map<String, SimulatedUisPoints> points = new ConcurrentHashMap<>();

	final Map<String, Integer> weights = new ConcurrentHashMap<>();

	final Map<String, UisRpcError> failNext = new ConcurrentHashMap<>();

	final Map<String, Boolean> componentEnabled = new ConcurrentHashMap<>(
			Map.of(UisSimulator.CALL, true, UisSimulator.DATA, true));

	volatile boolean ipWhitelisted = true;

	volatile boolean accountActive = true;

	private final SimulatedUisEmployees employees;

	private final SimulatedUisReports reports;

	private final SimulatedUisCallApi callApi;

	private final BiConsumer<Long, JsonNode> callStarted;

	/**
	 * The methods of one simulated account.
	 * @param clock the simulated clock (sessions, point windows)
	 * @param zone the account's zone (the day's point window)
	 * @param employees get/update.employees
	 * @param reports the report methods
	 * @param callApi start.employee_call and get.virtual_numbers
	 * @param callStarted told of each accepted start.employee_call (session id, params)
	 */
	UisRpcMethods(SimulatedUisClock clock, ZoneId zone, SimulatedUisEmployees employees, SimulatedUisReports reports,
			SimulatedUisCallApi callApi, BiConsumer<Long, JsonNode> callStarted) {
		this.tokens = new SimulatedUisTokens(clock);
		this.points.put(UisSimulator.CALL, new SimulatedUisPoints(clock, zone, 100, 10_000));
		this.points.put(UisSimulator.DATA, new SimulatedUisPoints(clock, zone, 100, 10_000));
		this.employees = employees;
		this.reports = reports;
		this.callApi = callApi;
		this.callStarted = callStarted;
	}

	/** Runs one method whose envelope was valid; throws the error UIS would answer. */
	Map<String, Object> call(String api, String method, JsonNode params) {
		if (!this.ipWhitelisted) {
			throw new UisRpcError(-32003, "ip_not_whitelisted", "Access from your IP address is not allowed", null,
					null);
		}
		Dispatch dispatch = dispatch(api, method);
		if (!method.equals("login.user")) {
			this.tokens.check(api, params);
		}
		if (!this.accountActive) {
			throw new UisRpcError(-32009, "account_inactive", "The account is inactive", null, null);
		}
		if (!this.componentEnabled.get(api)) {
			throw new UisRpcError(-32008,
					api.equals(UisSimulator.CALL) ? "component_disabled" : "method_component_disabled",
					"The component is disabled", null, null);
		}
		UisRpcError injected = this.failNext.remove(method);
		if (injected != null) {
			throw injected;
		}
		int cost = api.equals(UisSimulator.CALL) ? this.weights.getOrDefault(method, 1) : 1;
		SimulatedUisPoints budget = this.points.get(api);
		budget.admit(cost);
		Map<String, Object> result = dispatch.run(params);
		budget.charge(cost);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("limits", budget.metadata());
		if (result.containsKey("total_items")) {
			metadata.put("total_items", result.remove("total_items"));
		}
		result.put("metadata", metadata);
		return result;
	}

	private Dispatch dispatch(String api, String method) {
		Dispatch dispatch = switch (api + " " + method) {
			case UisSimulator.CALL + " login.user" -> (p) -> data(this.tokens.login(api, p));
			case UisSimulator.DATA + " login.user" -> (p) -> data(withAppId(this.tokens.login(api, p)));
			case UisSimulator.CALL + " logout.user", UisSimulator.DATA + " logout.user" ->
				(p) -> data(this.tokens.logout(api, p));
			case UisSimulator.CALL + " start.employee_call" -> this::startEmployeeCall;
			case UisSimulator.DATA + " get.calls_report" -> (p) -> page(this.reports.callsReport(p));
			case UisSimulator.DATA + " get.call_legs_report" -> (p) -> page(this.reports.callLegsReport(p));
			case UisSimulator.DATA + " get.employees" -> (p) -> page(this.employees.get(p));
			case UisSimulator.DATA + " get.virtual_numbers" -> (p) -> page(this.callApi.virtualNumbers(p));
			case UisSimulator.DATA + " update.employees" -> (p) -> {
				this.employees.update(p);
				return new LinkedHashMap<>();
			};
			default -> null;
		};
		if (dispatch == null) {
			throw new UisRpcError(-32601, "method_not_found", "Method " + method + " not found", "method", method);
		}
		return dispatch;
	}

	private Map<String, Object> startEmployeeCall(JsonNode params) {
		long sessionId = this.callApi.startEmployeeCall(params);
		this.callStarted.accept(sessionId, params);
		return data(Map.of("call_session_id", sessionId));
	}

	private static Map<String, Object> withAppId(Map<String, Object> login) {
		Map<String, Object> data = new LinkedHashMap<>(login);
		data.put("app_id", APP_ID);
		return data;
	}

	private static Map<String, Object> data(Object data) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("data", data);
		return result;
	}

	private static Map<String, Object> page(UisListQuery.Page page) {
		Map<String, Object> result = data(page.rows());
		result.put("total_items", page.total());
		return result;
	}

	/** One API method of the simulator. */
	@FunctionalInterface
	private interface Dispatch {

		Map<String, Object> run(JsonNode params);

	}

}
