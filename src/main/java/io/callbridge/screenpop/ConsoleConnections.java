package io.callbridge.screenpop;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open console connections (SSE) per user: one user may have several tabs. Sends a
 * heartbeat so that proxies keep idle connections open and dead ones are noticed;
 * browsers reconnect by themselves. A closed tab and a stream reaching its timeout are
 * ordinary ends: the connection is forgotten, logged at debug level only.
 */
@Component
public class ConsoleConnections {

	private static final Logger log = LoggerFactory.getLogger(ConsoleConnections.class);

	/** Browsers reconnect after a drop with this delay. */
	static final Duration RETRY = Duration.ofSeconds(2);

	private final Map<Long, Set<SseEmitter>> byUser = new ConcurrentHashMap<>();

	private final long timeoutMillis;

	/**
	 * Writes a message's JSON once per push, for all the user's tabs, with the
	 * application's mapper: the same text Spring MVC's JSON converter wrote for each tab,
	 * without a converter's lookup, a generator's set-up and a serializer's context per
	 * tab (most of a pop-up's cost on its way to the socket under a burst,
	 * docs/benchmarks.md).
	 */
	private final ObjectWriter json;

	ConsoleConnections(MeterRegistry meters, ConsoleProperties properties, JsonMapper json) {
		this.timeoutMillis = properties.streamTimeout().toMillis();
		this.json = json.writer();
		meters.gauge("callbridge.screenpop.connections", this.byUser,
				(map) -> map.values().stream().mapToInt(Set::size).sum());
	}

	SseEmitter open(long userId) {
		SseEmitter emitter = new SseEmitter(this.timeoutMillis);
		// Added inside compute: a concurrent remove of the user's last connection drops
		// the user's set, and a connection added to that set outside the map's lock
		// would be lost.
		this.byUser.compute(userId, (id, emitters) -> {
			Set<SseEmitter> set = (emitters != null) ? emitters : ConcurrentHashMap.newKeySet();
			set.add(emitter);
			return set;
		});
		emitter.onCompletion(() -> remove(userId, emitter));
		// Completing at the timeout ends the stream normally (the browser reconnects)
		// instead of raising an AsyncRequestTimeoutException.
		emitter.onTimeout(() -> {
			remove(userId, emitter);
			emitter.complete();
		});
		emitter.onError((ex) -> {
			log.debug("Console connection of user {} failed: {}", userId, ex.toString());
			remove(userId, emitter);
		});
		try {
			emitter.send(SseEmitter.event().name("hello").data("connected").reconnectTime(RETRY.toMillis()));
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("Console connection of user {} closed before its greeting", userId);
			remove(userId, emitter);
		}
		return emitter;
	}

	/**
	 * Sends an event to every open console of the user, its data written as JSON; returns
	 * how many received it.
	 */
	public int push(long userId, String event, Object data) {
		Set<SseEmitter> emitters = this.byUser.get(userId);
		if (emitters == null) {
			return 0;
		}
		String text = textOf(this.json, data);
		int sent = 0;
		for (SseEmitter emitter : emitters) {
			try {
				emitter.send(SseEmitter.event().name(event).data(text, MediaType.APPLICATION_JSON));
				sent++;
			}
			catch (IOException | IllegalStateException ex) {
				log.debug("Console connection of user {} is gone", userId);
				remove(userId, emitter);
			}
		}
		return sent;
	}

	static String textOf(ObjectWriter json, Object data) {
		return json.writeValueAsString(data);
	}

	public int connections(long userId) {
		Set<SseEmitter> emitters = this.byUser.get(userId);
		return (emitters != null) ? emitters.size() : 0;
	}

	/**
	 * Ends every open console of the user (their access changed): the browser's
	 * reconnection then meets the ended session.
	 */
	void closeAll(long userId) {
		Set<SseEmitter> emitters = this.byUser.remove(userId);
		if (emitters != null) {
			emitters.forEach(SseEmitter::complete);
			log.debug("Closed {} console connection(s) of user {}: their access changed", emitters.size(), userId);
		}
	}

	@Scheduled(fixedDelay = 15_000)
	void heartbeat() {
		this.byUser.forEach((userId, emitters) -> emitters.forEach((emitter) -> {
			try {
				emitter.send(SseEmitter.event().comment("heartbeat"));
			}
			catch (IOException | IllegalStateException ex) {
				log.debug("Console connection of user {} is gone", userId);
				remove(userId, emitter);
			}
		}));
	}

	private void remove(long userId, SseEmitter emitter) {
		this.byUser.computeIfPresent(userId, (id, emitters) -> {
			emitters.remove(emitter);
			return emitters.isEmpty() ? null : emitters;
		});
	}

}
