package io.callbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallStartDecision;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The simulated switch. It keeps its calls in memory (like a real PBX, it forgets them
 * when it restarts), runs scripted scenarios on a timer, and sends a
 * {@link SandboxNotification} for every change to its
 * {@link SandboxNotificationListener}, which plays the role of the customer's webhook
 * endpoint.
 * <p>
 * Destinations of click-to-call ending in {@code 0000} are busy, those ending in
 * {@code 9999} never answer; every other destination answers after the answer delay.
 */
@Component
public class SandboxPbx {

	private static final Logger log = LoggerFactory.getLogger(SandboxPbx.class);

	/** How a simulated inbound call goes on after it starts ringing. */
	public enum Scenario {

		/** Rings until someone answers or hangs up through the control panel. */
		MANUAL,
		/**
		 * Answered by the first extension after the ring delay, hung up after the answer
		 * delay.
		 */
		ANSWER,
		/** Rings, then the caller gives up. */
		MISSED,
		/** The extension is busy. */
		BUSY

	}

	private final Map<String, Simulated> calls = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

	private final SandboxNotificationListener listener;

	private final SandboxProperties properties;

	SandboxPbx(SandboxNotificationListener listener, SandboxProperties properties) {
		this.listener = listener;
		this.properties = properties;
	}

	/**
	 * Starts an inbound call from {@code from} to the line {@code line}, ringing the
	 * given extensions.
	 */
	public SandboxCall inbound(long accountId, String from, String line, List<String> extensions, Scenario scenario) {
		Simulated call = new Simulated("sbx-in-" + UUID.randomUUID(), accountId, "inbound", from, line);
		this.calls.put(call.id, call);
		CallStartDecision decision = notify(call, "call.started",
				fields("direction", "inbound", "from", from, "to", line));
		call.callerName = decision.callerName();
		if (decision.reject()) {
			end(call, "rejected");
			return call.view();
		}
		List<String> targets = (decision.routeToExtension() != null) ? List.of(decision.routeToExtension())
				: extensions;
		targets.forEach((extension) -> ring(call, extension));
		script(call, scenario);
		scheduleLimit(call);
		return call.view();
	}

	/**
	 * Click-to-call: rings the agent's extension, then (once it answers) the destination.
	 */
	public SandboxCall originate(long accountId, String extension, String destination) {
		Simulated call = new Simulated("sbx-out-" + UUID.randomUUID(), accountId, "outbound", destination, extension);
		this.calls.put(call.id, call);
		later(Duration.ofMillis(200), call, () -> {
			notify(call, "call.started", fields("direction", "outbound", "from", extension, "to", destination));
			ring(call, extension);
		});
		later(this.properties.ringDelay(), call, () -> answerOutbound(call, extension, destination));
		scheduleLimit(call);
		return call.view();
	}

	public SandboxCall answer(String callId, @Nullable String extension) {
		Simulated call = get(callId);
		synchronized (call) {
			if (!"ringing".equals(call.state)) {
				String state = "sandbox.state." + call.state;
				throw new Problems.Conflict(Text.of("sandbox.notRinging", callId, Text.of(state)));
			}
			String answering = (extension != null) ? extension : call.ringing.get(0);
			if (!call.ringing.contains(answering)) {
				throw new Problems.InvalidInput("extension", Text.of("sandbox.extensionNotRinging", answering));
			}
			answered(call, answering);
		}
		return call.view();
	}

	public SandboxCall transfer(String callId, String extension) {
		Simulated call = get(callId);
		synchronized (call) {
			if (!"talking".equals(call.state)) {
				throw new Problems.Conflict(Text.of("sandbox.transferNeedsTalk"));
			}
			String from = call.answeredBy;
			call.answeredBy = extension;
			notify(call, "call.transferred", fields("from_extension", from, "to_extension", extension));
			notify(call, "call.answered", fields("extension", extension));
		}
		return call.view();
	}

	public SandboxCall hangup(String callId) {
		Simulated call = get(callId);
		end(call, "talking".equals(call.state) ? "answered" : "cancel");
		return call.view();
	}

	public List<SandboxCall> active(long accountId) {
		return this.calls.values()
			.stream()
			.filter((call) -> call.accountId == accountId)
			.map(Simulated::view)
			.sorted(Comparator.comparing(SandboxCall::startedAt))
			.toList();
	}

	public Optional<SandboxCall> find(String callId) {
		return Optional.ofNullable(this.calls.get(callId)).map(Simulated::view);
	}

	@PreDestroy
	void stop() {
		this.timer.shutdownNow();
	}

	private void answerOutbound(Simulated call, String extension, String destination) {
		synchronized (call) {
			if (!"ringing".equals(call.state)) {
				return;
			}
			if (destination.endsWith("0000")) {
				end(call, "busy");
				return;
			}
			if (destination.endsWith("9999")) {
				later(this.properties.answerDelay().multipliedBy(3), call, () -> end(call, "no answer"));
				return;
			}
		}
		later(this.properties.answerDelay(), call, () -> {
			synchronized (call) {
				if ("ringing".equals(call.state)) {
					answered(call, extension);
				}
			}
		});
	}

	private void script(Simulated call, Scenario scenario) {
		Duration ring = this.properties.ringDelay();
		switch (scenario) {
			case MANUAL -> {
			}
			case ANSWER -> later(ring, call, () -> {
				answer(call.id, null);
				later(this.properties.answerDelay(), call, () -> hangup(call.id));
			});
			case MISSED -> later(ring.multipliedBy(2), call, () -> end(call, "cancel"));
			case BUSY -> later(ring, call, () -> end(call, "busy"));
		}
	}

	private void ring(Simulated call, String extension) {
		synchronized (call) {
			call.ringing.add(extension);
			notify(call, "call.ringing", fields("extension", extension, "direction", call.direction));
		}
	}

	private void answered(Simulated call, String extension) {
		call.state = "talking";
		call.answeredBy = extension;
		call.ringing.clear();
		notify(call, "call.answered", fields("extension", extension));
	}

	private void end(Simulated call, String disposition) {
		synchronized (call) {
			if ("ended".equals(call.state)) {
				return;
			}
			String talked = call.answeredBy;
			call.state = "ended";
			this.calls.remove(call.id);
			notify(call, "call.ended", fields("disposition", disposition, "last_extension", talked));
		}
	}

	private void scheduleLimit(Simulated call) {
		later(this.properties.maxCallDuration(), call,
				() -> end(call, "talking".equals(call.state) ? "answered" : "cancel"));
	}

	private CallStartDecision notify(Simulated call, String event, Map<String, String> fields) {
		SandboxNotification notification = new SandboxNotification(event, call.id, Instant.now(), fields);
		try {
			return this.listener.onNotification(call.accountId, notification);
		}
		catch (RuntimeException ex) {
			// A real PBX does not stop a call because its webhook failed; neither does
			// the sandbox.
			log.warn("Sandbox notification {} for {} was not accepted: {}", event, call.id, ex.getMessage());
			return CallStartDecision.proceed();
		}
	}

	private void later(Duration delay, Simulated call, Runnable step) {
		this.timer.schedule(() -> {
			if (!"ended".equals(call.state)) {
				try {
					step.run();
				}
				catch (RuntimeException ex) {
					log.debug("Sandbox step for {} skipped: {}", call.id, ex.getMessage());
				}
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private Simulated get(String callId) {
		Simulated call = this.calls.get(callId);
		if (call == null) {
			throw new Problems.NotFound(Text.of("sandbox.callWhat"), callId);
		}
		return call;
	}

	private static Map<String, String> fields(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				map.put(pairs[i], pairs[i + 1]);
			}
		}
		return map;
	}

	/** Mutable state of one simulated call; guarded by its own monitor. */
	private static final class Simulated {

		final String id;

		final long accountId;

		final String direction;

		final String number;

		final String line;

		final List<String> ringing = new ArrayList<>();

		final Instant startedAt = Instant.now();

		volatile String state = "ringing";

		@Nullable String answeredBy;

		@Nullable String callerName;

		Simulated(String id, long accountId, String direction, String number, String line) {
			this.id = id;
			this.accountId = accountId;
			this.direction = direction;
			this.number = number;
			this.line = line;
		}

		synchronized SandboxCall view() {
			return new SandboxCall(this.id, this.accountId, this.direction, this.number, this.line,
					List.copyOf(this.ringing), this.answeredBy, this.state, this.callerName, this.startedAt);
		}

	}

}
