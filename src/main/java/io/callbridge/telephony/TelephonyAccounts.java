package io.callbridge.telephony;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.SecretCipher;
import io.callbridge.shared.ShortLivedCache;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The registry of telephony accounts per tenant. Credentials are stored encrypted with
 * the {@link SecretCipher} and never returned by the account view.
 */
@Repository
public class TelephonyAccounts {

	private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
	};

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * How long a cached account may be used on the event path; changes made here evict it
	 * at once.
	 */
	private static final Duration CACHE_TTL = Duration.ofSeconds(5);

	private final ShortLivedCache<Long, Cached> cache = new ShortLivedCache<>(CACHE_TTL);

	/**
	 * Each tenant's accounts, for what every call's end asks of them (rules switched on).
	 */
	private final ShortLivedCache<Long, List<TelephonyAccount>> byTenant = new ShortLivedCache<>(CACHE_TTL);

	/** Webhook tokens never change, so a token always leads to the same account id. */
	private final Map<String, Long> idsByToken = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final AccountCalls calls;

	TelephonyAccounts(JdbcClient jdbc, SecretCipher cipher, AccountCalls calls) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.calls = calls;
	}

	public List<TelephonyAccount> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM telephony_accounts WHERE tenant_id = ? ORDER BY id")
			.param(tenantId)
			.query(this::map)
			.list();
	}

	/**
	 * A tenant's accounts through a short-lived cache, for the event path (e.g. whether
	 * any account has an end-of-call rule switched on). Changes made through this class
	 * take effect at once; on other nodes within a few seconds, as for
	 * {@link #findCached}.
	 */
	public List<TelephonyAccount> listCached(long tenantId) {
		return this.byTenant.get(tenantId, (id) -> Optional.of(list(id))).orElseGet(List::of);
	}

	/**
	 * Every enabled account of every tenant, for background jobs such as reconciliation.
	 */
	public List<TelephonyAccount> allEnabled() {
		return this.jdbc.sql("SELECT * FROM telephony_accounts WHERE enabled = TRUE ORDER BY id")
			.query(this::map)
			.list();
	}

	/**
	 * The ids of a provider's enabled accounts that have credentials: a light read (no
	 * settings, no credentials) for schedules that look every second on every node; the
	 * account itself is loaded once its work is claimed.
	 */
	public List<Long> enabledIds(String provider) {
		return this.jdbc.sql("""
				SELECT id FROM telephony_accounts WHERE enabled = TRUE AND provider = ? AND credentials IS NOT NULL
				ORDER BY id""").param(provider).query(Long.class).list();
	}

	/** Finds an account of the given tenant; another tenant's account is "not found". */
	public TelephonyAccount get(long tenantId, long id) {
		return find(id).filter((account) -> account.tenantId() == tenantId)
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.telephonyAccount"), id));
	}

	/**
	 * When the account was connected (created) in Callbridge: calls that started before
	 * are history, not news.
	 */
	public Optional<Instant> connectedAt(long id) {
		return this.jdbc.sql("SELECT created_at FROM telephony_accounts WHERE id = ?")
			.param(id)
			.query((rs, n) -> Jdbc.instant(rs, "created_at"))
			.optional();
	}

	/**
	 * Finds an account by id alone, for event ingestion where the account identifies the
	 * tenant.
	 */
	public Optional<TelephonyAccount> find(long id) {
		return load(id).map(Cached::account);
	}

	/**
	 * Finds an account by id through a short-lived cache, for the event path where every
	 * event names its account. Changes made through this class take effect at once; on
	 * other nodes within a few seconds.
	 */
	public Optional<TelephonyAccount> findCached(long id) {
		return cached(id).map(Cached::account);
	}

	/**
	 * Finds an account by its webhook token through the same cache as
	 * {@link #findCached}, for webhooks that name their account by the token on every
	 * notification. Unknown tokens are looked up each time, never remembered.
	 */
	public Optional<TelephonyAccount> findCachedByWebhookToken(String token) {
		Long id = this.idsByToken.get(token);
		Optional<TelephonyAccount> known = (id != null) ? findCached(id) : Optional.empty();
		if (known.isPresent() && token.equals(known.get().webhookToken())) {
			return known;
		}
		long epoch = this.cache.epoch();
		Optional<Cached> loaded = load(token);
		loaded.ifPresentOrElse((found) -> {
			this.cache.put(found.account().id(), found, epoch);
			this.idsByToken.put(token, found.account().id());
		}, () -> this.idsByToken.remove(token));
		return loaded.map(Cached::account);
	}

	public Optional<TelephonyAccount> findByWebhookToken(String token) {
		return load(token).map(Cached::account);
	}

	public Optional<TelephonyAccount> findFirst(long tenantId, String provider) {
		return this.jdbc.sql("SELECT * FROM telephony_accounts WHERE tenant_id = ? AND provider = ? ORDER BY id")
			.params(tenantId, provider)
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	public Credentials credentials(TelephonyAccount account) {
		String sealed = this.jdbc.sql("SELECT credentials FROM telephony_accounts WHERE id = ?")
			.param(account.id())
			.query(String.class)
			.optional()
			.orElse(null);
		return unseal(sealed);
	}

	/**
	 * An account's credentials through the account cache, for a webhook's signature check
	 * on every notification: decrypted from the sealed value read with the account the
	 * first time they are asked for, then kept with the cached account (at most
	 * {@link #CACHE_TTL}). Changes made through this class take effect at once, as for
	 * {@link #findCached}.
	 */
	public Credentials cachedCredentials(TelephonyAccount account) {
		return cached(account.id()).map((found) -> found.credentials(this::unseal)).orElseGet(Credentials::none);
	}

	public TelephonyAccount create(long tenantId, String provider, String name, boolean enabled,
			Map<String, String> settings, @Nullable Credentials credentials) {
		requireUniqueName(tenantId, name, null);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO telephony_accounts (tenant_id, provider, name, credentials, settings, webhook_token,
				  enabled, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, provider, name, seal(credentials), writeMap(settings), newToken(), enabled,
					Jdbc.ts(Instant.now()))
			.update(keys, "id");
		this.byTenant.evict(tenantId);
		return get(tenantId, keys.getKeyAs(Long.class));
	}

	/** Updates an account; {@code credentials} null keeps the stored ones. */
	public TelephonyAccount update(long tenantId, long id, String name, boolean enabled, Map<String, String> settings,
			@Nullable Credentials credentials) {
		get(tenantId, id);
		requireUniqueName(tenantId, name, id);
		this.jdbc.sql("UPDATE telephony_accounts SET name = ?, enabled = ?, settings = ? WHERE id = ?")
			.params(name, enabled, writeMap(settings), id)
			.update();
		if (credentials != null) {
			this.jdbc.sql("UPDATE telephony_accounts SET credentials = ? WHERE id = ?")
				.params(seal(credentials), id)
				.update();
		}
		this.cache.evict(id);
		this.byTenant.evict(tenantId);
		return get(tenantId, id);
	}

	public void delete(long tenantId, long id) {
		get(tenantId, id);
		long calls = this.calls.countForAccount(id);
		if (calls > 0) {
			throw new Problems.Conflict(Text.of("telephonyAccount.hasCalls", calls));
		}
		this.jdbc.sql("DELETE FROM telephony_accounts WHERE id = ?").param(id).update();
		this.idsByToken.values().remove(id);
		this.cache.evict(id);
		this.byTenant.evict(tenantId);
	}

	private void requireUniqueName(long tenantId, String name, @Nullable Long exceptId) {
		long clashes = this.jdbc
			.sql("SELECT COUNT(*) FROM telephony_accounts WHERE tenant_id = ? AND name = ? AND id <> ?")
			.params(tenantId, name, (exceptId != null) ? exceptId : -1L)
			.query(Long.class)
			.single();
		if (clashes > 0) {
			throw new Problems.Conflict(Text.of("telephonyAccount.nameTaken", name));
		}
	}

	private @Nullable String seal(@Nullable Credentials credentials) {
		return (credentials == null || credentials.values().isEmpty()) ? null
				: this.cipher.encrypt(writeMap(credentials.values()));
	}

	private Optional<Cached> cached(long id) {
		return this.cache.get(id, this::load);
	}

	private Optional<Cached> load(long id) {
		return this.jdbc.sql("SELECT * FROM telephony_accounts WHERE id = ?").param(id).query(this::row).optional();
	}

	private Optional<Cached> load(String webhookToken) {
		return this.jdbc.sql("SELECT * FROM telephony_accounts WHERE webhook_token = ?")
			.param(webhookToken)
			.query(this::row)
			.optional();
	}

	private Credentials unseal(@Nullable String sealed) {
		return (sealed == null) ? Credentials.none() : new Credentials(readMap(this.cipher.decrypt(sealed)));
	}

	private Cached row(ResultSet rs, int row) throws SQLException {
		return new Cached(map(rs, row), rs.getString("credentials"));
	}

	private TelephonyAccount map(ResultSet rs, int row) throws SQLException {
		return new TelephonyAccount(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("provider"),
				rs.getString("name"), rs.getBoolean("enabled"), rs.getString("webhook_token"),
				readMap(rs.getString("settings")), rs.getString("credentials") != null);
	}

	/**
	 * An account as loaded, with its credentials as stored (encrypted) and, once a
	 * webhook's check asked for them, decrypted. Decrypting them for every notification
	 * was 6 % of a Zadarma webhook's CPU on the server (JFR, docs/benchmarks.md
	 * 2026-12-06 22:35). Keeping the plain secret in memory for the few seconds an entry
	 * lives exposes nothing more: the key that decrypts every stored secret
	 * ({@link SecretCipher}) is in the same process's memory for as long as it runs.
	 */
	private static final class Cached {

		private final TelephonyAccount account;

		private final @Nullable String sealedCredentials;

		private volatile @Nullable Credentials credentials;

		Cached(TelephonyAccount account, @Nullable String sealedCredentials) {
			this.account = account;
			this.sealedCredentials = sealedCredentials;
		}

		TelephonyAccount account() {
			return this.account;
		}

		// Two threads asking at once both decrypt; either result is the same.
		Credentials credentials(Function<@Nullable String, Credentials> unseal) {
			Credentials known = this.credentials;
			if (known == null) {
				known = unseal.apply(this.sealedCredentials);
				this.credentials = known;
			}
			return known;
		}

	}

	private static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static String writeMap(Map<String, String> map) {
		return JsonMapper.shared().writeValueAsString(new LinkedHashMap<>(map));
	}

	private static Map<String, String> readMap(String json) {
		return JsonMapper.shared().readValue(json, MAP);
	}

}
