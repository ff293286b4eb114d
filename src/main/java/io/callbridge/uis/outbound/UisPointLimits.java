package io.callbridge.uis.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.RateLimits;
import io.callbridge.coordination.RateLimits.Decision;
import io.callbridge.coordination.RateLimits.Limit;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.uis.UisPoints;
import io.callbridge.uis.UisUsage;
import io.callbridge.uis.outbound.UisApiException.Kind;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * UIS's point limits per account and API, shared by every node: each answer's
 * {@code metadata.limits} is stored in {@code uis_point_limits} with its resets as times
 * on the database's clock, and a request is refused here, before UIS has to, while the
 * minute's or the day's points are used up and their reset has not come. When UIS refuses
 * anyway ({@code -32029}, another application using the account), the API is held back on
 * every node ({@link RateLimits#holdBack}) until the reset UIS last reported.
 */
@Repository
class UisPointLimits implements UisUsage {

	// Only hold-backs are counted in the shared rate limits: points are UIS's own
	// numbers.
	private static final int UNLIMITED = 1_000_000;

	private static final Duration DEFAULT_HOLD = Duration.ofMinutes(1);

	private static final Duration LONGEST_HOLD = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private final RateLimits rates;

	UisPointLimits(JdbcClient jdbc, DatabaseClock clock, RateLimits rates) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rates = rates;
	}

	/**
	 * Lets a request to the API go, or refuses it while its points are used up.
	 * @throws UisApiException of kind {@link Kind#RATE_LIMITED} saying when points come
	 * back
	 */
	void requireRoom(long accountId, UisApi api) {
		if (unsaved(accountId)) {
			return;
		}
		Instant now = this.clock.now();
		Optional<Row> row = row(accountId, api);
		if (row.isPresent()) {
			Row limits = row.get();
			if (limits.dayRemaining() <= 0 && limits.dayResetAt().isAfter(now)) {
				throw usedUp(api, limits.dayLimit(), true, Duration.between(now, limits.dayResetAt()));
			}
			if (limits.minuteRemaining() <= 0 && limits.minuteResetAt().isAfter(now)) {
				throw usedUp(api, limits.minuteLimit(), false, Duration.between(now, limits.minuteResetAt()));
			}
		}
		if (this.rates.take(List.of(holdOf(accountId, api))) instanceof Decision.Refused refused) {
			throw UisApiException.of(Kind.RATE_LIMITED, Text.of("uis.heldBack", api.key(), seconds(refused.retryIn())));
		}
	}

	/** Stores the limits an answer carried ({@code metadata.limits}), if any. */
	void observed(long accountId, UisApi api, JsonNode limits) {
		if (unsaved(accountId) || !limits.isObject() || !limits.has("day_remaining")
				|| !limits.has("minute_remaining")) {
			return;
		}
		Instant now = this.clock.now();
		Object[] values = { number(limits, "day_limit"), number(limits, "day_remaining"),
				Jdbc.ts(now.plusSeconds(Math.max(0, number(limits, "day_reset")))), number(limits, "minute_limit"),
				number(limits, "minute_remaining"),
				Jdbc.ts(now.plusSeconds(Math.max(0, number(limits, "minute_reset")))), Jdbc.ts(now), accountId,
				api.key() };
		if (update(values) > 0) {
			return;
		}
		try {
			this.jdbc
				.sql("""
						INSERT INTO uis_point_limits (day_limit, day_remaining, day_reset_at, minute_limit, minute_remaining,
						    minute_reset_at, observed_at, account_id, api)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(values)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another node stored its first answer at the same time: this one is as
			// recent.
			update(values);
		}
	}

	/**
	 * UIS refused for its limits ({@code -32029}): holds the API back on every node until
	 * the reset UIS last reported for the limit its message names (the minute's unless it
	 * names the day), or a minute when none is known.
	 * @return how long requests are held back
	 */
	Duration exceeded(long accountId, UisApi api, String message) {
		if (unsaved(accountId)) {
			return DEFAULT_HOLD;
		}
		boolean day = message.toLowerCase(Locale.ROOT).contains("day");
		Instant now = this.clock.now();
		Duration hold = row(accountId, api)
			.map((row) -> Duration.between(now, day ? row.dayResetAt() : row.minuteResetAt()))
			.filter(Duration::isPositive)
			.orElse(DEFAULT_HOLD);
		if (hold.compareTo(LONGEST_HOLD) > 0) {
			hold = LONGEST_HOLD;
		}
		this.rates.holdBack(holdOf(accountId, api).scope(), hold);
		return hold;
	}

	@Override
	public List<UisPoints> points(long accountId) {
		return this.jdbc.sql("SELECT * FROM uis_point_limits WHERE account_id = ? ORDER BY api")
			.param(accountId)
			.query(UisPointLimits::map)
			.list()
			.stream()
			.map((row) -> new UisPoints(row.api(), row.dayLimit(), row.dayRemaining(), row.minuteLimit(),
					row.minuteRemaining(), row.observedAt()))
			.toList();
	}

	// Credentials are tried before a new account is stored: it has no row to keep limits
	// in, and its one request needs none.
	private static boolean unsaved(long accountId) {
		return accountId <= 0;
	}

	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	private int update(Object[] values) {
		return this.jdbc.sql("""
				UPDATE uis_point_limits SET day_limit = ?, day_remaining = ?, day_reset_at = ?, minute_limit = ?,
				    minute_remaining = ?, minute_reset_at = ?, observed_at = ?
				WHERE account_id = ? AND api = ?""").params(values).update();
	}

	private Optional<Row> row(long accountId, UisApi api) {
		return this.jdbc.sql("SELECT * FROM uis_point_limits WHERE account_id = ? AND api = ?")
			.params(accountId, api.key())
			.query(UisPointLimits::map)
			.optional();
	}

	private static UisApiException usedUp(UisApi api, int limit, boolean day, Duration wait) {
		return UisApiException.of(Kind.RATE_LIMITED, Text.of("uis.pointsUsedUp", limit,
				Text.of(day ? "uis.per.day" : "uis.per.minute"), api.key(), seconds(wait)));
	}

	private static Limit holdOf(long accountId, UisApi api) {
		return new Limit("uis:" + accountId + ":" + api.key(), UNLIMITED, UNLIMITED, Duration.ofSeconds(1));
	}

	private static int number(JsonNode limits, String field) {
		JsonNode value = limits.path(field);
		if (value.isNumber()) {
			return value.asInt();
		}
		String text = value.asString("").strip();
		return text.matches("-?\\d{1,9}") ? Integer.parseInt(text) : 0;
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString("api"), rs.getInt("day_limit"), rs.getInt("day_remaining"),
				Jdbc.instant(rs, "day_reset_at"), rs.getInt("minute_limit"), rs.getInt("minute_remaining"),
				Jdbc.instant(rs, "minute_reset_at"), Jdbc.instant(rs, "observed_at"));
	}

	/** One stored row. */
	private record Row(String api, int dayLimit, int dayRemaining, Instant dayResetAt, int minuteLimit,
			int minuteRemaining, Instant minuteResetAt, Instant observedAt) {
	}

}
