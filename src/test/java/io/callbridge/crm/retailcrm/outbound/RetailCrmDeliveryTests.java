package io.callbridge.crm.retailcrm.outbound;

import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmPush.CallEvent;
import io.callbridge.crm.CrmPush.CallUpload;
import io.callbridge.crm.retailcrm.RetailCrmCall;
import io.callbridge.crm.retailcrm.RetailCrmEvent;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.API_KEY;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.hangup;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.incoming;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live call events and finished calls as retailCRM receives them, against the retailCRM
 * simulator: every value mapped to retailCRM's enums, dates in the connection's zone,
 * absent fields left out, what retailCRM does not know reported, duplicates recognised,
 * and its refusals rejected with its words.
 */
class RetailCrmDeliveryTests {

	private static final CrmManager ANNA = new CrmManager(1, "27", "101");

	private static final CrmManager BORIS = new CrmManager(2, "28", "102");

	private RetailCrmSimulator crm;

	private final RetailCrmConnector connector = RetailCrmFixture.connector();

	@BeforeEach
	void start() {
		this.crm = RetailCrmSimulator.start(API_KEY);
		this.crm.user(27);
		this.crm.user(28);
		this.connector.register(connection(this.crm.baseUrl()), secrets(), registration(ANNA, BORIS));
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void anIncomingCallNamesItsManagersStoreAndLine() {
		CrmDeliveryResult result = deliver(Map.of("site", "main-store"), incoming(ANNA, BORIS));

		assertThat(result).isInstanceOf(CrmDeliveryResult.Delivered.class);
		RetailCrmEvent event = this.crm.events().get(0);
		assertThat(event.type()).isEqualTo("in");
		assertThat(event.phone()).isEqualTo("+34910000001");
		assertThat(event.codes()).containsExactly("101", "102");
		assertThat(event.userIds()).containsExactly(27, 28);
		assertThat(event.site()).isEqualTo("main-store");
		assertThat(event.externalPhone()).isEqualTo("+34910000099");
		assertThat(event.callExternalId()).isEqualTo("42");
		assertThat(event.raw().has("hangupStatus")).isFalse();
	}

	@Test
	void anOutgoingCallIsOut() {
		deliver(Map.of(),
				new CallEvent(43, CrmCallEventType.OUTGOING, "+34910000002", List.of(ANNA), null, "43", null));

		RetailCrmEvent event = this.crm.events().get(0);
		assertThat(event.type()).isEqualTo("out");
		// Neither a store nor a line: left out, not sent as null.
		assertThat(event.raw().propertyNames()).containsExactly("phone", "type", "codes", "userIds", "callExternalId");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			ANSWERED, answered
			BUSY, busy
			CANCELLED, cancel
			MISSED, no answered
			FAILED, failed
			REJECTED, failed
			NOT_ALLOWED, failed
			""")
	void aHangupSaysHowTheCallEnded(CallResult result, String hangupStatus) {
		assertThat(deliver(Map.of(), hangup(result, ANNA))).isInstanceOf(CrmDeliveryResult.Delivered.class);

		RetailCrmEvent event = this.crm.events().get(0);
		assertThat(event.type()).isEqualTo("hangup");
		assertThat(event.hangupStatus()).isEqualTo(hangupStatus);
	}

	@Test
	void aManagerKnownOnlyByCodeOrByUserIdIsNamedSo() {
		deliver(Map.of(), incoming(new CrmManager(3, null, "103"), new CrmManager(4, "29", null),
				new CrmManager(5, "anna", null)));

		RetailCrmEvent event = this.crm.events().get(0);
		assertThat(event.codes()).containsExactly("103");
		assertThat(event.userIds()).containsExactly(29);
	}

	@Test
	void whatRetailCrmDoesNotKnowIsReported() {
		CrmDeliveryResult result = deliver(Map.of(), incoming(ANNA, new CrmManager(3, "404", "109")));

		CrmDeliveryResult.Delivered delivered = (CrmDeliveryResult.Delivered) result;
		assertThat(delivered.status()).isEqualTo(200);
		assertThat(delivered.unknownCodes()).containsExactly("109");
		assertThat(delivered.unknownUserIds()).containsExactly("404");
		assertThat(delivered.answer()).contains("notExistCodes");
	}

	@Test
	void anEventForNobodyIsNotSent() {
		CrmDeliveryResult result = deliver(Map.of(), hangup(CallResult.MISSED));

		CrmDeliveryResult.Delivered delivered = (CrmDeliveryResult.Delivered) result;
		assertThat(delivered.status()).isNull();
		assertThat(delivered.answer()).contains("Not sent").contains("names no manager");
		assertThat(this.crm.events()).isEmpty();
		assertThat(this.crm.requests()).hasSize(1);
	}

	@Test
	void aFinishedCallGoesToTheHistoryWithEveryField() {
		CrmDeliveryResult result = deliver(Map.of("site", "main-store"),
				upload("42", CallResult.ANSWERED, ANNA, "https://callbridge.example/webhooks/crm/recordings/42?c=7"));

		CrmDeliveryResult.Delivered delivered = (CrmDeliveryResult.Delivered) result;
		assertThat(delivered.duplicate()).isFalse();
		RetailCrmCall call = this.crm.calls().get("42");
		// 09:15:30 UTC is 10:15:30 in Madrid (the zone the core gives).
		assertThat(call.date()).isEqualTo("2026-03-01 10:15:30");
		assertThat(call.type()).isEqualTo("in");
		assertThat(call.phone()).isEqualTo("+34910000001");
		assertThat(call.code()).isEqualTo("101");
		assertThat(call.userId()).isEqualTo(27);
		assertThat(call.result()).isEqualTo("answered");
		assertThat(call.duration()).isEqualTo(65);
		assertThat(call.durationWaiting()).isEqualTo(12);
		assertThat(call.recordUrl()).isEqualTo("https://callbridge.example/webhooks/crm/recordings/42?c=7");
		assertThat(call.externalPhone()).isEqualTo("+34910000099");
		assertThat(call.raw().path("site").asString()).isEqualTo("main-store");
	}

	@Test
	void theConnectionsTimeZoneGoesBeforeTheCores() {
		deliver(Map.of("timeZone", "Europe/Moscow"), upload("42", CallResult.ANSWERED, ANNA, null));

		assertThat(this.crm.calls().get("42").date()).isEqualTo("2026-03-01 12:15:30");
	}

	@Test
	void absentFieldsAreLeftOut() {
		deliver(Map.of(),
				new CallUpload(44, "44", CallDirection.OUTBOUND, java.time.Instant.parse("2026-03-01T09:00:00Z"),
						java.time.ZoneOffset.UTC, "+34910000003", null, CallResult.MISSED, 0, 30, null, null));

		RetailCrmCall call = this.crm.calls().get("44");
		assertThat(call.type()).isEqualTo("out");
		assertThat(call.result()).isEqualTo("no answer");
		assertThat(call.raw().propertyNames()).containsExactly("date", "type", "phone", "result", "duration",
				"durationWaiting", "externalId");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			ANSWERED, answered
			BUSY, busy
			MISSED, no answer
			CANCELLED, no answer
			FAILED, failed
			REJECTED, not allowed
			NOT_ALLOWED, not allowed
			""")
	void eachResultIsOneOfRetailCrms(CallResult result, String expected) {
		deliver(Map.of(), upload("45", result, ANNA, null));

		assertThat(this.crm.calls().get("45").result()).isEqualTo(expected);
	}

	@Test
	void noResultIsUnknown() {
		assertThat(RetailCrmCalls.result(null)).isEqualTo("unknown");
	}

	@Test
	void aCallRetailCrmAlreadyHasIsADuplicate() {
		deliver(Map.of(), upload("46", CallResult.ANSWERED, ANNA, null));

		CrmDeliveryResult again = deliver(Map.of(), upload("46", CallResult.ANSWERED, ANNA, "https://x.example/r"));

		assertThat(((CrmDeliveryResult.Delivered) again).duplicate()).isTrue();
		assertThat(((CrmDeliveryResult.Delivered) again).answer()).contains("duplicateCalls");
	}

	@Test
	void anInternalCallIsNotForTheHistory() {
		CrmDeliveryResult result = deliver(Map.of(),
				new CallUpload(47, "47", CallDirection.INTERNAL, java.time.Instant.parse("2026-03-01T09:00:00Z"),
						java.time.ZoneOffset.UTC, "101", null, CallResult.ANSWERED, 10, 1, null, null));

		assertThat(((CrmDeliveryResult.Rejected) result).error()).contains("internal call");
		assertThat(this.crm.uploads()).isEmpty();
	}

	@Test
	void refusedFieldsAreRejectedWithRetailCrmsObjections() {
		CrmDeliveryResult result = deliver(Map.of(), upload("48", CallResult.ANSWERED, ANNA, "not a link"));

		CrmDeliveryResult.Rejected rejected = (CrmDeliveryResult.Rejected) result;
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.error()).contains("did not accept the data sent")
			.contains("Errors in the input parameters")
			.contains("calls[0].recordUrl");
	}

	@Test
	void telephonyNotEnabledIsRejected() {
		try (RetailCrmSimulator fresh = RetailCrmSimulator.start(API_KEY)) {
			CrmDeliveryResult result = this.connector.deliver(connection(fresh.baseUrl()), secrets(), incoming(ANNA));

			CrmDeliveryResult.Rejected rejected = (CrmDeliveryResult.Rejected) result;
			assertThat(rejected.status()).isEqualTo(400);
			assertThat(rejected.error()).contains("not enabled in retailCRM").contains("Telephony not enabled");
		}
	}

	@Test
	void aWrongKeyIsRejected() {
		CrmDeliveryResult result = this.connector.deliver(connection(this.crm.baseUrl()), secrets("old-key"),
				incoming(ANNA));

		assertThat(((CrmDeliveryResult.Rejected) result).error()).contains("Wrong \"apiKey\" value.")
			.doesNotContain("old-key");
	}

	@Test
	void aSettingOutOfFormIsRejectedWithoutSending() {
		int before = this.crm.requests().size();

		CrmDeliveryResult result = deliver(Map.of("site", "main store"), incoming(ANNA));

		assertThat(((CrmDeliveryResult.Rejected) result).error()).contains("main store");
		assertThat(this.crm.requests()).hasSize(before);
	}

	private CrmDeliveryResult deliver(Map<String, String> settings, io.callbridge.crm.CrmPush push) {
		return this.connector.deliver(connection(this.crm.baseUrl(), settings), secrets(), push);
	}

}
