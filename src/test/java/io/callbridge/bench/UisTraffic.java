package io.callbridge.bench;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.uis.UisNotificationSender;
import io.callbridge.uis.UisNotificationSender.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic of the UIS notifications benchmark, as UIS would post it with the templates
 * of the account's setup page: inbound calls answered by an employee, each call-incoming
 * → waiting → talk-started → talk-finished → call-finished → recording. Call {@code n}
 * comes from one of {@value #NUMBERS} caller numbers (the first {@value #CONTACTS} are
 * contacts) and is answered by one of {@value #AGENTS} employees (ids 1000 upwards, each
 * an agent's extension).
 */
final class UisTraffic {

	private static final Logger log = LoggerFactory.getLogger(UisTraffic.class);

	static final int AGENTS = 50;

	static final int CONTACTS = 50;

	static final int NUMBERS = 200;

	static final List<String> SLUGS = List.of("call-incoming", "waiting", "talk-started", "talk-finished",
			"call-finished", "recording");

	static final int EVENTS_PER_CALL = SLUGS.size();

	static final String VIRTUAL_NUMBER = "74993720692";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	private static final AtomicInteger REFUSALS_LOGGED = new AtomicInteger();

	private UisTraffic() {
	}

	/** The caller number of the {@code i}-th number of the plan, as UIS writes it. */
	static String number(int i) {
		return String.format(Locale.ROOT, "7926%07d", 1000 + i);
	}

	static long employee(int agent) {
		return 1000 + agent;
	}

	static String contactName(int contact) {
		return "Contact " + contact;
	}

	/**
	 * The variables of each notification of call {@code n}, in the order UIS sends them.
	 */
	static List<Map<String, Object>> answeredCall(long sessionId, int n) {
		String caller = number(n % NUMBERS);
		long employee = employee(n % AGENTS);
		Map<String, Object> common = new LinkedHashMap<>();
		common.put("call_session_id", sessionId);
		common.put("virtual_phone_number", VIRTUAL_NUMBER);
		common.put("contact_phone_number", caller);
		common.put("direction", "in");
		common.put("external_id", null);
		common.put("call_source", "va");
		Map<String, Object> incoming = with(common, "contact_full_name", null, "scenario_name", "Main");
		Map<String, Object> atEmployee = with(common, "employee_id", employee, "employee_full_name",
				"Employee " + employee);
		Map<String, Object> waiting = with(atEmployee, "leg_id", sessionId * 10);
		Map<String, Object> talk = with(atEmployee, "leg_ids", List.of(sessionId * 10));
		return List.of(incoming, waiting, talk, with(talk, "talk_time_duration", 60),
				with(atEmployee, "scenario_name", "Main", "talk_time_duration", 60, "total_time_duration", 68,
						"wait_time_duration", 8),
				with(atEmployee, "file_link", "https://media.uiscom.ru/" + sessionId + "/rec", "file_duration", 60));
	}

	/**
	 * Posts call {@code n} in order; returns how many of its notifications were answered
	 * 200 (the first refusals are logged).
	 */
	static int deliver(UisNotificationSender sender, Map<String, Target> targets, long sessionId, int n) {
		int acknowledged = 0;
		List<Map<String, Object>> notifications = answeredCall(sessionId, n);
		for (int i = 0; i < EVENTS_PER_CALL; i++) {
			Map<String, Object> vars = notifications.get(i);
			vars.put("notification_time", LocalDateTime.now(ZONE).format(TIME));
			int status = sender.deliver(targets.get(SLUGS.get(i)), vars);
			if (status == 200) {
				acknowledged++;
			}
			else if (REFUSALS_LOGGED.getAndIncrement() < 10) {
				log.warn("{} of {} answered {}", SLUGS.get(i), sessionId, status);
			}
		}
		return acknowledged;
	}

	private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
		Map<String, Object> vars = new LinkedHashMap<>(base);
		for (int i = 0; i < pairs.length; i += 2) {
			vars.put((String) pairs[i], pairs[i + 1]);
		}
		return vars;
	}

}
