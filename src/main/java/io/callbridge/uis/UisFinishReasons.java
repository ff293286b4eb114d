package io.callbridge.uis;

import java.util.Locale;
import java.util.Set;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * UIS's {@code finish_reason} values (with {@code is_lost} and the talk time) mapped to
 * how a call ended, shared by the session details read after a call and the
 * reconciliation from {@code get.calls_report}, so both agree on every call. The older
 * names {@code subscriber_*} are read as their current {@code caller_*} names.
 */
public final class UisFinishReasons {

	private static final Set<String> NOT_ALLOWED = Set.of("numa_in_black_list", "locked_numb", "call_not_allowed_on_tp",
			"out_call_not_allowed", "in_call_not_allowed", "api_permission_denied", "api_ip_now_allowed",
			"api_ip_not_allowed");

	private static final Set<String> BUSY = Set.of("caller_busy", "operator_busy", "employee_busy",
			"operator_channels_busy");

	private static final Set<String> FAILED = Set.of("caller_number_problems", "operator_number_problems",
			"internal_error", "sip_offline", "no_money", "not_enough_money", "limit_exceeded", "component_is_inactive");

	private static final Set<String> NO_ANSWER = Set.of("caller_not_responsive", "operator_not_responsive", "timeout",
			"no_success_caller_call", "no_success_operator_call", "call_enqueued", "employee_status_break",
			"employee_status_do_not_disturb", "employee_status_not_at_work");

	private UisFinishReasons() {
	}

	/**
	 * How the call ended: answered when anyone talked; else not allowed (UIS's blacklist,
	 * security rules, tariff), busy, failed, or missed (lost, nobody answered); a call
	 * hung up before anyone talked is missed when inbound and cancelled by our side when
	 * outbound; any other reason is missed when inbound and failed when outbound.
	 * @param finishReason UIS's {@code finish_reason}, if any
	 * @param lost UIS's {@code is_lost}
	 * @param talkSeconds the talk time ({@code talk_duration})
	 * @param direction the call's direction
	 * @return the result
	 */
	public static CallResult result(@Nullable String finishReason, boolean lost, int talkSeconds,
			CallDirection direction) {
		if (talkSeconds > 0) {
			return CallResult.ANSWERED;
		}
		String reason = normalized(finishReason);
		if (NOT_ALLOWED.contains(reason) || reason.contains("not_allowed")) {
			return CallResult.NOT_ALLOWED;
		}
		if (BUSY.contains(reason)) {
			return CallResult.BUSY;
		}
		if (FAILED.contains(reason) || reason.endsWith("_number_problems")) {
			return CallResult.FAILED;
		}
		if (lost || NO_ANSWER.contains(reason) || reason.startsWith("no_success_")) {
			return CallResult.MISSED;
		}
		boolean inbound = direction == CallDirection.INBOUND;
		if ("caller_disconnects".equals(reason) || "operator_disconnects".equals(reason)) {
			return inbound ? CallResult.MISSED : CallResult.CANCELLED;
		}
		return inbound ? CallResult.MISSED : CallResult.FAILED;
	}

	/** The reason in lower case, with the older {@code subscriber_} names renamed. */
	static String normalized(@Nullable String finishReason) {
		String reason = (finishReason != null) ? finishReason.strip().toLowerCase(Locale.ROOT) : "";
		return reason.startsWith("subscriber_") ? "caller_" + reason.substring("subscriber_".length()) : reason;
	}

}
