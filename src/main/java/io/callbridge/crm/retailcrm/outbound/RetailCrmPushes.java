package io.callbridge.crm.retailcrm.outbound;

import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmPush.CallEvent;
import io.callbridge.crm.CrmPush.CallUpload;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Success;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the core's pushes: a live event to {@code telephony/call/event}, a finished call
 * to {@code telephony/calls/upload}; and says what came of it in the core's terms —
 * delivered (with what retailCRM does not know, and whether it already had the call), to
 * be retried (busy, down, slow, an answer that is not its API), or rejected as it stands
 * (its refusals, with its words).
 */
final class RetailCrmPushes {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RetailCrmApi api;

	RetailCrmPushes(RetailCrmApi api) {
		this.api = api;
	}

	CrmDeliveryResult event(RetailCrmAccess access, RetailCrmSettings settings, CallEvent event) {
		if (event.phone().isBlank()) {
			return new CrmDeliveryResult.Rejected(null, Text.of("retailcrm.noPhone").english());
		}
		Map<String, Object> body = RetailCrmCalls.event(event, settings);
		if (!body.containsKey("codes") && !body.containsKey("userIds")) {
			// retailCRM shows an event only to the managers it names (and refuses one
			// naming nobody): there is nobody to tell; the upload carries the call to
			// the history.
			return new CrmDeliveryResult.Delivered(null, Text.of("retailcrm.eventForNobody").english(), List.of(),
					List.of(), false);
		}
		String json = JSON.writeValueAsString(body);
		RetailCrmReply answer = this.api.send(access,
				RetailCrmRequest.post("telephony/call/event", "telephony/call/event", "event", json));
		return switch (answer) {
			case Success taken -> delivered(taken, false);
			case Failure failure -> notDelivered(failure);
		};
	}

	CrmDeliveryResult upload(RetailCrmAccess access, RetailCrmSettings settings, CallUpload upload) {
		if (upload.direction() == CallDirection.INTERNAL) {
			return new CrmDeliveryResult.Rejected(null, Text.of("retailcrm.internalCall").english());
		}
		if (upload.phone().isBlank()) {
			return new CrmDeliveryResult.Rejected(null, Text.of("retailcrm.noPhone").english());
		}
		String json = JSON.writeValueAsString(RetailCrmCalls.upload(upload, settings));
		RetailCrmReply answer = this.api.send(access,
				RetailCrmRequest.post("telephony/calls/upload", "telephony/calls/upload", "calls", json));
		return switch (answer) {
			case Success taken -> delivered(taken,
					RetailCrmCalls.texts(taken.body().path("duplicateCalls")).contains(upload.externalId()));
			case Failure failure -> notDelivered(failure);
		};
	}

	private static CrmDeliveryResult delivered(Success taken, boolean duplicate) {
		JsonNode body = taken.body();
		return new CrmDeliveryResult.Delivered(taken.status(), taken.excerpt(),
				RetailCrmCalls.texts(body.path("notExistCodes")), RetailCrmCalls.texts(body.path("notExistUsers")),
				duplicate);
	}

	// An answer that is not retailCRM's API is tried again too: a proxy may have mangled
	// it, and a wrong address fails every attempt until the admin fixes it, with nothing
	// lost meanwhile.
	private static CrmDeliveryResult notDelivered(Failure failure) {
		if (failure.retryable() || failure.kind() == Kind.NOT_AN_API) {
			return new CrmDeliveryResult.Retry(failure.status(), failure.text().english(), failure.retryAfter());
		}
		return new CrmDeliveryResult.Rejected(failure.status(), failure.text().english());
	}

}
