package io.callbridge.callmyway;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.callbridge.zadarma.SimulatedClock;

/**
 * The state of one simulated CallMyWay account: its endpoints (ID → EP), the calls in
 * progress and the CDR history, on the simulator's {@link SimulatedClock} in the
 * account's zone. Tests start, connect and end calls here; Click2Dial requests create
 * calls too. A live call shows connect time {@code 1970-01-01 00:00:00} until it is
 * connected, and duration "0"; ending it moves it to the history with its duration and
 * cost (rate per minute × minutes).
 */
public final class SimulatedCallMyWayAccount {

	/** CallMyWay's "not connected" marker. */
	public static final String NOT_CONNECTED = "1970-01-01 00:00:00";

	private static final BigDecimal RATE = new BigDecimal("25.185");

	private final String username;

	private final Clock clock;

	private final ZoneId zone;

	private final Map<String, String> endpoints = new LinkedHashMap<>();

	private final Map<String, Call> live = new LinkedHashMap<>();

	private final List<Call> history = new ArrayList<>();

	private final List<ClickToDial> clickToDials = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong(6495722720473790385L);

	SimulatedCallMyWayAccount(String username, Clock clock, ZoneId zone) {
		this.username = username;
		this.clock = clock;
		this.zone = zone;
	}

	/** Adds an endpoint: its numeric ID and its EP (number or user). */
	public synchronized SimulatedCallMyWayAccount endpoint(String id, String ep) {
		this.endpoints.put(id, ep);
		return this;
	}

	public synchronized Map<String, String> endpoints() {
		return Map.copyOf(this.endpoints);
	}

	/** The Click2Dial requests CallMyWay accepted, in order. */
	public List<ClickToDial> clickToDials() {
		return List.copyOf(this.clickToDials);
	}

	/**
	 * Starts an incoming call from {@code from} to our {@code ep}; returns its callid.
	 */
	public synchronized String startInbound(String from, String ep) {
		return start(from, ep).callId;
	}

	/** Starts an outgoing call from our {@code ep} to {@code to}; returns its callid. */
	public synchronized String startOutbound(String ep, String to) {
		return start(ep, to).callId;
	}

	/** The call is answered: its connect time is now. */
	public synchronized void connect(String callId) {
		live(callId).connect = now();
	}

	/** The call ends: it leaves the live calls for the history with duration and cost. */
	public synchronized void end(String callId) {
		Call call = this.live.remove(callId);
		if (call == null) {
			throw new IllegalArgumentException("No live call " + callId);
		}
		if (call.connect != null) {
			call.duration = (int) Duration.between(call.connect, now()).toSeconds();
			call.cost = RATE.multiply(BigDecimal.valueOf(call.duration))
				.divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
		}
		this.history.add(call);
	}

	/**
	 * Adds a finished call to the history directly.
	 * @param connected whether it connected (else its connect time is the 1970 marker)
	 * @return its callid
	 */
	public synchronized String recordCall(String ani, String dnis, LocalDateTime detect, boolean connected,
			int duration) {
		Call call = new Call(nextId(), ani, dnis, detect);
		call.connect = connected ? detect.plusSeconds(5) : null;
		call.duration = connected ? duration : 0;
		call.cost = RATE.multiply(BigDecimal.valueOf(call.duration))
			.divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
		this.history.add(call);
		return call.callId;
	}

	public synchronized List<String> liveCallIds() {
		return List.copyOf(this.live.keySet());
	}

	synchronized boolean hasActiveCall() {
		return !this.live.isEmpty();
	}

	synchronized String clickToDial(String first, String second) {
		Call call = start(first, second);
		this.clickToDials.add(new ClickToDial(first, second, call.callId));
		return call.callId;
	}

	synchronized List<Map<String, Object>> liveRows(boolean fullAccount) {
		return this.live.values()
			.stream()
			.filter((c) -> fullAccount || this.username.equals(c.ani) || this.username.equals(c.dnis))
			.map((c) -> c.row(true))
			.toList();
	}

	synchronized List<Map<String, Object>> recentRows() {
		LocalDateTime now = now();
		return sorted().stream().filter((c) -> c.detect.isAfter(now.minusHours(24))).map((c) -> c.row(false)).toList();
	}

	/** The history's calls detected in {@code [start, end)}, page {@code ini/cant}. */
	synchronized List<Map<String, Object>> rows(LocalDateTime start, LocalDateTime end, int ini, int cant) {
		return sorted().stream()
			.filter((c) -> !c.detect.isBefore(start) && c.detect.isBefore(end))
			.skip(ini)
			.limit(cant)
			.map((c) -> c.row(false))
			.toList();
	}

	private List<Call> sorted() {
		return this.history.stream()
			.sorted(Comparator.comparing((Call c) -> c.detect).thenComparing((Call c) -> c.callId))
			.toList();
	}

	private Call start(String ani, String dnis) {
		Call call = new Call(nextId(), ani, dnis, now());
		this.live.put(call.callId, call);
		return call;
	}

	private Call live(String callId) {
		Call call = this.live.get(callId);
		if (call == null) {
			throw new IllegalArgumentException("No live call " + callId);
		}
		return call;
	}

	private String nextId() {
		return Long.toString(this.ids.incrementAndGet());
	}

	private LocalDateTime now() {
		return LocalDateTime.ofInstant(this.clock.instant(), this.zone);
	}

	private String idOf(String ep) {
		return this.endpoints.entrySet()
			.stream()
			.filter((e) -> e.getValue().equals(ep))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("");
	}

	/**
	 * One Click2Dial request CallMyWay accepted.
	 *
	 * @param firstNum rung first
	 * @param secondNum rung when the first answers
	 * @param callId the call it created
	 */
	public record ClickToDial(String firstNum, String secondNum, String callId) {
	}

	private final class Call {

		private final String callId;

		private final String ani;

		private final String dnis;

		private final LocalDateTime detect;

		private LocalDateTime connect;

		private int duration;

		private BigDecimal cost = BigDecimal.ZERO;

		Call(String callId, String ani, String dnis, LocalDateTime detect) {
			this.callId = callId;
			this.ani = ani;
			this.dnis = dnis;
			this.detect = detect;
		}

		// Shaped like the documented example: live calls carry cost 0 as a number and
		// duration "0"; the history sends its cost as a string, as PHP often does.
		Map<String, Object> row(boolean live) {
			boolean aniIsOurs = SimulatedCallMyWayAccount.this.endpoints.containsValue(this.ani);
			boolean dnisIsOurs = SimulatedCallMyWayAccount.this.endpoints.containsValue(this.dnis);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("callid", this.callId);
			row.put("ani", this.ani);
			row.put("dnis", this.dnis);
			row.put("detect_time", this.detect.format(CallMyWayCdr.FORMAT));
			row.put("connect_time", (this.connect != null) ? this.connect.format(CallMyWayCdr.FORMAT) : NOT_CONNECTED);
			row.put("duration", live ? "0" : Integer.toString(this.duration));
			row.put("ani_user", aniIsOurs ? this.ani : "");
			row.put("dnis_user", dnisIsOurs ? this.dnis : "");
			row.put("cost", live ? BigDecimal.ZERO : this.cost.toPlainString());
			row.put("access_fee", 0);
			row.put("rate", RATE);
			row.put("route_pattern", aniIsOurs ? "5068" : "");
			row.put("route_name", aniIsOurs ? "COSTA RICA MOBILE ICE" : "");
			row.put("access_endpoint_id", aniIsOurs ? idOf(this.ani) : "");
			row.put("dst_endpoint_id", dnisIsOurs ? idOf(this.dnis) : "");
			return row;
		}

	}

}
