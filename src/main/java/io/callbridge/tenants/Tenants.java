package io.callbridge.tenants;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.ShortLivedCache;
import io.callbridge.shared.Text;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The stored tenants.
 */
@Repository
public class Tenants {

	private static final RowMapper<Tenant> ROW = (rs, n) -> new Tenant(rs.getLong("id"), rs.getString("slug"),
			rs.getString("name"), rs.getString("default_region"), ZoneId.of(rs.getString("time_zone")),
			rs.getString("currency"));

	/**
	 * Tenants as read on the event path (a number's region for every call); changes made
	 * here are seen at once, on other nodes within seconds.
	 */
	private final ShortLivedCache<Long, Tenant> cache = new ShortLivedCache<>(Duration.ofSeconds(5));

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Tenants(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	public Optional<Tenant> find(long id) {
		return this.jdbc.sql("SELECT * FROM tenants WHERE id = ?").param(id).query(ROW).optional();
	}

	/**
	 * A tenant through a short-lived cache, for the event path: what it reads (the
	 * default region of numbers) may lag a change made on another node by a few seconds.
	 */
	public Tenant getCached(long id) {
		return this.cache.get(id, this::find).orElseThrow(() -> new Problems.NotFound(Text.of("what.tenant"), id));
	}

	public Tenant get(long id) {
		return find(id).orElseThrow(() -> new Problems.NotFound(Text.of("what.tenant"), id));
	}

	public Tenant defaultTenant() {
		return this.jdbc.sql("SELECT * FROM tenants WHERE slug = ?")
			.param(Tenant.DEFAULT_SLUG)
			.query(ROW)
			.optional()
			.orElseThrow(() -> new IllegalStateException("The default tenant is missing"));
	}

	/** The tenant with this slug (the organisation a user names at login), if any. */
	public Optional<Tenant> findBySlug(String slug) {
		return this.jdbc.sql("SELECT * FROM tenants WHERE slug = ?").param(slug).query(ROW).optional();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM tenants").query(Long.class).single();
	}

	public List<Tenant> all() {
		return this.jdbc.sql("SELECT * FROM tenants ORDER BY id").query(ROW).list();
	}

	public boolean slugExists(String slug) {
		return this.jdbc.sql("SELECT COUNT(*) FROM tenants WHERE slug = ?").param(slug).query(Long.class).single() > 0;
	}

	/**
	 * Creates a tenant and announces it with {@link TenantCreated}; the slug must be
	 * free.
	 */
	public long create(String slug, String name, String region, ZoneId zone, String currency) {
		if (slugExists(slug)) {
			throw new Problems.Conflict(Text.of("tenant.slugTaken", slug));
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO tenants (slug, name, default_region, time_zone, currency, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(slug, name, region, zone.getId(), currency, Jdbc.ts(Instant.now()))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		this.events.publishEvent(new TenantCreated(id));
		return id;
	}

	void update(long id, String name, String region, ZoneId zone, String currency) {
		this.jdbc.sql("UPDATE tenants SET name = ?, default_region = ?, time_zone = ?, currency = ? WHERE id = ?")
			.params(name, region, zone.getId(), currency, id)
			.update();
		this.cache.evict(id);
	}

}
