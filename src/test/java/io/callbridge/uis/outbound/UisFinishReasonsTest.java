package io.callbridge.uis.outbound;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.uis.UisFinishReasons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the mapping of UIS's {@code finish_reason} (with {@code is_lost} and the talk
 * time) to how a call ended, as the protocol note's Part C suggests.
 */
class UisFinishReasonsTest {

	@ParameterizedTest
	@CsvSource({ "operator_answer, false, 30, INBOUND, ANSWERED", "caller_disconnects, false, 12, INBOUND, ANSWERED",
			"operator_disconnects, false, 90, OUTBOUND, ANSWERED", "caller_busy, false, 0, OUTBOUND, BUSY",
			"subscriber_busy, false, 0, OUTBOUND, BUSY", "operator_busy, false, 0, INBOUND, BUSY",
			"employee_busy, false, 0, INBOUND, BUSY", "operator_channels_busy, false, 0, INBOUND, BUSY",
			"caller_not_responsive, false, 0, OUTBOUND, MISSED",
			"subscriber_not_responsive, false, 0, OUTBOUND, MISSED",
			"operator_not_responsive, false, 0, INBOUND, MISSED", "timeout, false, 0, INBOUND, MISSED",
			"no_success_operator_call, false, 0, INBOUND, MISSED", "no_success_caller_call, false, 0, OUTBOUND, MISSED",
			"caller_disconnects, true, 0, INBOUND, MISSED", "caller_disconnects, false, 0, OUTBOUND, CANCELLED",
			"numa_in_black_list, true, 0, INBOUND, NOT_ALLOWED", "locked_numb, false, 0, OUTBOUND, NOT_ALLOWED",
			"call_not_allowed_on_tp, false, 0, OUTBOUND, NOT_ALLOWED",
			"out_call_not_allowed, false, 0, OUTBOUND, NOT_ALLOWED",
			"in_call_not_allowed, false, 0, INBOUND, NOT_ALLOWED",
			"some_new_not_allowed_reason, false, 0, INBOUND, NOT_ALLOWED",
			"caller_number_problems, false, 0, OUTBOUND, FAILED",
			"subscriber_number_problems, false, 0, OUTBOUND, FAILED",
			"operator_number_problems, false, 0, INBOUND, FAILED", "internal_error, false, 0, INBOUND, FAILED",
			"sip_offline, false, 0, INBOUND, FAILED", "no_money, false, 0, OUTBOUND, FAILED",
			"employee_status_break, false, 0, INBOUND, MISSED", "'', true, 0, INBOUND, MISSED",
			"success_finish, false, 0, INBOUND, MISSED", "success_finish, false, 0, OUTBOUND, FAILED",
			"OPERATOR_BUSY, false, 0, INBOUND, BUSY" })
	void mapsFinishReasons(String reason, boolean lost, int talk, CallDirection direction, CallResult expected) {
		assertThat(UisFinishReasons.result(reason, lost, talk, direction)).isEqualTo(expected);
	}

}
