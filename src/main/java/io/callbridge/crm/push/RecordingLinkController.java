package io.callbridge.crm.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.callbridge.calls.Calls;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.recordings.CallRecording;
import io.callbridge.recordings.RecordingStatus;
import io.callbridge.recordings.Recordings;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plays a call's recording for a CRM from a signed link ({@link RecordingLinks}): a link
 * that is valid, unexpired, of a connection that still exists, is enabled and belongs to
 * the call's tenant is redirected (302) to the provider's fresh link; a recording not
 * fetched yet is a 503 with {@code Retry-After}, a call without one a 404, and a bad or
 * expired link a 403, each as problem+json in the caller's language.
 */
@RestController
class RecordingLinkController {

	/** How long a CRM is told to wait when no fetch is scheduled. */
	static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);

	private final RecordingLinks links;

	private final CrmDirectory directory;

	private final Calls calls;

	private final Recordings recordings;

	private final DatabaseClock clock;

	private final MessageSource messages;

	RecordingLinkController(RecordingLinks links, CrmDirectory directory, Calls calls, Recordings recordings,
			DatabaseClock clock, MessageSource messages) {
		this.links = links;
		this.directory = directory;
		this.calls = calls;
		this.recordings = recordings;
		this.clock = clock;
		this.messages = messages;
	}

	@GetMapping(RecordingLinks.PATH + "{callId}")
	ResponseEntity<?> play(@PathVariable String callId, @RequestParam(required = false) @Nullable String t,
			@RequestParam(required = false) @Nullable String c, @RequestParam(required = false) @Nullable String e,
			@RequestParam(required = false) @Nullable String s, Locale locale) {
		Long call = number(callId);
		Long tenant = number(t);
		Long connection = number(c);
		Long expires = number(e);
		if (call == null || tenant == null || connection == null || expires == null || s == null) {
			return problem(HttpStatus.FORBIDDEN, "forbidden", Text.of("crm.recordingLink.invalid"), locale);
		}
		return switch (this.links.verify(tenant, call, connection, expires, s)) {
			case INVALID -> problem(HttpStatus.FORBIDDEN, "forbidden", Text.of("crm.recordingLink.invalid"), locale);
			case EXPIRED -> problem(HttpStatus.FORBIDDEN, "forbidden", Text.of("crm.recordingLink.expired"), locale);
			case VALID -> play(tenant, call, connection, locale);
		};
	}

	private ResponseEntity<?> play(long tenantId, long callId, long connectionId, Locale locale) {
		Optional<CrmConnection> connection = this.directory.find(tenantId, connectionId);
		if (connection.isEmpty() || !connection.get().enabled()) {
			return problem(HttpStatus.FORBIDDEN, "forbidden", Text.of("crm.recordingLink.connectionGone"), locale);
		}
		if (this.calls.find(tenantId, callId).isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, "not-found",
					Text.of("problem.notFound", Text.of("what.call"), Long.toString(callId)), locale);
		}
		CallRecording recording;
		try {
			recording = this.recordings.playable(tenantId, callId);
		}
		catch (Problems.NotFound ex) {
			return problem(HttpStatus.NOT_FOUND, "not-found", ex.text(), locale);
		}
		if (recording.status() == RecordingStatus.AVAILABLE && recording.link() != null) {
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(recording.link())).build();
		}
		if (recording.status() == RecordingStatus.MISSING || recording.status() == RecordingStatus.UNSUPPORTED) {
			return problem(HttpStatus.NOT_FOUND, "not-found", Text.of("crm.recordingLink.missing"), locale);
		}
		ResponseEntity<ProblemDetail> pending = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
				Text.of("crm.recordingLink.pending"), locale);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter(recording).toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(pending.getBody());
	}

	// Until the next fetch when one is scheduled, at least a second.
	private Duration retryAfter(CallRecording recording) {
		Instant next = recording.nextAttemptAt();
		if (next == null) {
			return DEFAULT_RETRY;
		}
		Duration wait = Duration.between(this.clock.now(), next);
		return (wait.toSeconds() < 1) ? Duration.ofSeconds(1) : wait.plusSeconds(1);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, Text text, Locale locale) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, text.in(this.messages, locale));
		detail.setType(URI.create(Problems.TYPE_BASE + kind));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
	}

	private static @Nullable Long number(@Nullable String value) {
		if (value == null || value.isBlank() || value.length() > 19) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
