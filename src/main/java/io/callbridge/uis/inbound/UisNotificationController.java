package io.callbridge.uis.inbound;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.uis.UisSessionFetches;
import io.callbridge.uis.UisSettings;
import io.callbridge.uis.inbound.UisWebhookGate.Admission;
import io.callbridge.telephony.ProviderWebhook;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP notifications of a UIS account: one URL per event type
 * ({@code /webhooks/uis/{token}/{event}}, POST with the JSON template or GET with the
 * same fields as query parameters), or one URL for all with the event named in the body's
 * {@code event} field. After the {@link UisWebhookGate} (token, allow-list, secret,
 * enabled account), a notification that cannot be read or lacks what its event needs is
 * refused with 422 and a precise message; otherwise it is stored as a call event and only
 * then answered 2xx, and the end of a call schedules its details from the Data API. When
 * storing fails the answer is 503, never a 200 over a lost event.
 */
@RestController
@ProviderWebhook
class UisNotificationController {

	private static final Logger log = LoggerFactory.getLogger(UisNotificationController.class);

	private static final String PATH = "/webhooks/uis/{token}";

	private final UisWebhookGate gate;

	private final CallEventSink sink;

	private final UisSessionFetches fetches;

	UisNotificationController(UisWebhookGate gate, CallEventSink sink, UisSessionFetches fetches) {
		this.gate = gate;
		this.sink = sink;
		this.fetches = fetches;
	}

	@RequestMapping(path = PATH + "/{event}", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<?> receive(@PathVariable String token, @PathVariable String event, HttpServletRequest request)
			throws IOException {
		return handle(token, event, request);
	}

	@PostMapping(PATH)
	ResponseEntity<?> receiveNamedInBody(@PathVariable String token, HttpServletRequest request) throws IOException {
		return handle(token, null, request);
	}

	private ResponseEntity<?> handle(String token, @Nullable String slug, HttpServletRequest request)
			throws IOException {
		Admission admission = this.gate.admit(token, request);
		if (admission.refusal() != null) {
			return admission.refusal();
		}
		TelephonyAccount account = Objects.requireNonNull(admission.account());
		Optional<UisEventType> named = (slug != null) ? UisEventType.ofSlug(slug) : Optional.empty();
		if (slug != null && named.isEmpty()) {
			return this.gate.problem(404, "webhook",
					Text.of("uis.unknownEvent", UisRequests.loggable(slug), UisEventType.slugs()));
		}
		String body = UisRequests.body(request);
		if (body == null) {
			return this.gate.problem(413, "invalid-input", Text.of("uis.tooLarge", UisRequests.LIMIT / 1024));
		}
		UisNotification.Reading reading = UisNotification.read(UisRequests.parameters(request), body);
		if (reading.refusal() != null) {
			return refuse(account, slug, reading.refusal());
		}
		UisNotification notification = Objects.requireNonNull(reading.notification());
		Text typeRefusal = typeRefusal(named, notification);
		if (typeRefusal != null) {
			return refuse(account, slug, typeRefusal);
		}
		UisEventType type = named.or(() -> UisEventType.ofSlug(notification.raw("event"))).orElseThrow();
		return accept(account, type, notification);
	}

	// The event is named by the URL or, on the one URL for all, by the body's "event"
	// field; both, when given, must agree.
	private static @Nullable Text typeRefusal(Optional<UisEventType> named, UisNotification n) {
		String field = n.get("event");
		if (named.isPresent()) {
			return (field == null || field.equals(named.get().slug())) ? null
					: Text.of("uis.eventMismatch", named.get().slug(), UisRequests.loggable(field));
		}
		if (field == null) {
			return Text.of("uis.noEvent", UisEventType.slugs());
		}
		return UisEventType.ofSlug(field).isPresent() ? null
				: Text.of("uis.unknownEvent", UisRequests.loggable(field), UisEventType.slugs());
	}

	private ResponseEntity<?> accept(TelephonyAccount account, UisEventType type, UisNotification n) {
		Text refused = UisNotificationCheck.refusal(type, n);
		if (refused != null) {
			return refuse(account, type.slug(), refused);
		}
		ZoneId zone = UisSettings.of(account).timeZone();
		Optional<ProviderCallEvent> event = UisEventMapper.map(account.id(), type, n, zone);
		if (event.isPresent()) {
			ResponseEntity<?> failure = store(account, type, n, event.get());
			if (failure != null) {
				return failure;
			}
		}
		if (type == UisEventType.CALL_FINISHED || type == UisEventType.CALL_LOST) {
			ResponseEntity<?> failure = scheduleDetails(account, type, n);
			if (failure != null) {
				return failure;
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
	}

	/** Stores the event; the answer to send instead of a 200 when that failed. */
	private @Nullable ResponseEntity<?> store(TelephonyAccount account, UisEventType type, UisNotification n,
			ProviderCallEvent event) {
		try {
			this.sink.receive(event);
			return null;
		}
		catch (Problems.Conflict | Problems.NotFound ex) {
			// The account was disabled or deleted between the gate and now.
			return this.gate.problem(ex.status(), "webhook", ex.text());
		}
		catch (RuntimeException ex) {
			log.error("UIS {} of call {} for account {} could not be stored; answering 503", type.slug(),
					UisRequests.loggable(n.raw("call_session_id")), account.id(), ex);
			return this.gate.unavailable(Text.of("uis.notStored", type.slug()));
		}
	}

	// Asked on every delivery, repeats included: scheduling is idempotent, and a repeat
	// after a failed scheduling is how it gets done.
	private @Nullable ResponseEntity<?> scheduleDetails(TelephonyAccount account, UisEventType type,
			UisNotification n) {
		try {
			this.fetches.fetchAfterEnd(account.id(), n.raw("call_session_id"));
			return null;
		}
		catch (RuntimeException ex) {
			log.error("UIS {} of call {} for account {}: fetching its details could not be scheduled; answering 503",
					type.slug(), UisRequests.loggable(n.raw("call_session_id")), account.id(), ex);
			return this.gate.unavailable(Text.of("uis.notScheduled", type.slug()));
		}
	}

	private ResponseEntity<?> refuse(TelephonyAccount account, @Nullable String slug, Text refusal) {
		log.warn("UIS notification {} for account {} refused: {}", UisRequests.loggable(slug), account.id(),
				refusal.english().replaceAll("\\p{Cntrl}", "?"));
		return this.gate.problem(422, "invalid-input", refusal);
	}

}
