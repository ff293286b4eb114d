package io.callbridge.uis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API's point budget (protocol notes B3): a per-minute and a per-day limit on the
 * simulated clock (the minute window starts on the minute, the day at midnight in the
 * account's zone), points deducted only for successful requests, refused with -32029
 * {@code limit_exceeded} when what is left cannot pay a request, and the
 * {@code metadata.limits} every counted answer carries.
 */
final class SimulatedUisPoints {

	private final SimulatedUisClock clock;

	private final ZoneId zone;

	private int minuteLimit;

	private int dayLimit;

	private long minuteWindow = Long.MIN_VALUE;

	private LocalDate dayWindow = LocalDate.MIN;

	private int minuteUsed;

	private int dayUsed;

	private String forced;

	SimulatedUisPoints(SimulatedUisClock clock, ZoneId zone, int minuteLimit, int dayLimit) {
		this.clock = clock;
		this.zone = zone;
		this.minuteLimit = minuteLimit;
		this.dayLimit = dayLimit;
	}

	synchronized void limits(int minuteLimit, int dayLimit) {
		this.minuteLimit = minuteLimit;
		this.dayLimit = dayLimit;
	}

	/**
	 * Every following request is refused for {@code limitType} (minute or day); null
	 * stops.
	 */
	synchronized void force(String limitType) {
		this.forced = limitType;
	}

	/** Refuses with -32029 when {@code cost} points are not left. */
	synchronized void admit(int cost) {
		roll();
		if ("minute".equals(this.forced) || this.minuteUsed + cost > this.minuteLimit) {
			throw exceeded("minute", this.minuteLimit);
		}
		if ("day".equals(this.forced) || this.dayUsed + cost > this.dayLimit) {
			throw exceeded("day", this.dayLimit);
		}
	}

	/** Deducts {@code cost} after a successful request. */
	synchronized void charge(int cost) {
		roll();
		this.minuteUsed += cost;
		this.dayUsed += cost;
	}

	/** {@code metadata.limits} as UIS writes it (resets in seconds). */
	synchronized Map<String, Object> metadata() {
		roll();
		Instant now = this.clock.instant();
		long minuteReset = (this.minuteWindow + 1) * 60 - now.getEpochSecond();
		long dayReset = this.dayWindow.plusDays(1).atStartOfDay(this.zone).toEpochSecond() - now.getEpochSecond();
		Map<String, Object> limits = new LinkedHashMap<>();
		limits.put("day_limit", this.dayLimit);
		limits.put("day_remaining", Math.max(0, this.dayLimit - this.dayUsed));
		limits.put("day_reset", dayReset);
		limits.put("minute_limit", this.minuteLimit);
		limits.put("minute_remaining", Math.max(0, this.minuteLimit - this.minuteUsed));
		limits.put("minute_reset", minuteReset);
		return limits;
	}

	private void roll() {
		Instant now = this.clock.instant();
		long minute = Math.floorDiv(now.getEpochSecond(), 60);
		if (minute != this.minuteWindow) {
			this.minuteWindow = minute;
			this.minuteUsed = 0;
		}
		LocalDate day = LocalDate.ofInstant(now, this.zone);
		if (!day.equals(this.dayWindow)) {
			this.dayWindow = day;
			this.dayUsed = 0;
		}
	}

	private static UisRpcError exceeded(String type, int max) {
		return new UisRpcError(-32029, "limit_exceeded",
				"Limit per " + type + " has been exceeded. Value of current limit per " + type + " is " + max, null,
				null);
	}

}
