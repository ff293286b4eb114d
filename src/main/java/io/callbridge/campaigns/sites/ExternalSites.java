package io.callbridge.campaigns.sites;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookEndpoints;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's external sites: create, change, hide, delete (refused while a campaign uses
 * the site, with OMniLeads' message). A site the server calls has a managed
 * {@code EXTERNAL_SITE} endpoint of the webhooks module, kept in step here, through which
 * its calls are delivered, retried and logged (and whose URL is checked against refused
 * addresses when saved).
 */
@Service
public class ExternalSites {

	private final JdbcClient jdbc;

	private final WebhookEndpoints endpoints;

	ExternalSites(JdbcClient jdbc, WebhookEndpoints endpoints) {
		this.jdbc = jdbc;
		this.endpoints = endpoints;
	}

	/** The tenant's sites by name. */
	public List<ExternalSite> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM external_sites WHERE tenant_id = ? ORDER BY name")
			.param(tenantId)
			.query(ExternalSites::map)
			.list();
	}

	public Optional<ExternalSite> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM external_sites WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(ExternalSites::map)
			.optional();
	}

	/** One site of the tenant, or a 404. */
	public ExternalSite get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.externalSite"), id));
	}

	/**
	 * Creates ({@code id} null) or changes a site.
	 * @throws Problems.InvalidInput naming the fields, with OMniLeads' messages
	 */
	@Transactional
	public ExternalSite save(long tenantId, @Nullable Long id, ExternalSiteCommand command) {
		ExternalSite current = (id != null) ? get(tenantId, id) : null;
		List<FieldError> errors = new ArrayList<>(SiteValidation.site(command));
		String name = (command.name() != null) ? command.name().strip() : "";
		if (!name.isEmpty() && nameTaken(tenantId, name, id)) {
			errors.add(new FieldError("name", Text.of("site.nameTaken", name)));
		}
		if (command.authId() != null && !authExists(tenantId, command.authId())) {
			errors.add(new FieldError("authId", Text.of("site.authUnknown", String.valueOf(command.authId()))));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		SiteMethod method = (command.method() != null) ? command.method() : SiteMethod.GET;
		String url = command.url().strip();
		Long endpointId = endpoint(tenantId, current, name, url, method, command.target() == null);
		long siteId = (current == null) ? insert(tenantId, name, url, method, command, endpointId)
				: update(current.id(), name, url, method, command, endpointId);
		return get(tenantId, siteId);
	}

	/** Hides a site from new campaigns, or shows it again. */
	@Transactional
	public ExternalSite hide(long tenantId, long id, boolean hidden) {
		get(tenantId, id);
		this.jdbc.sql("UPDATE external_sites SET hidden = ? WHERE id = ?").params(hidden, id).update();
		return get(tenantId, id);
	}

	/**
	 * Deletes a site with its delivery log.
	 * @throws Problems.Conflict while a campaign uses it
	 */
	@Transactional
	public void delete(long tenantId, long id) {
		ExternalSite site = get(tenantId, id);
		if (this.jdbc.sql("SELECT COUNT(*) FROM campaigns WHERE external_site_id = ?")
			.param(id)
			.query(Long.class)
			.single() > 0) {
			throw new Problems.Conflict(Text.of("site.inUse"));
		}
		this.jdbc.sql("DELETE FROM external_sites WHERE id = ?").param(id).update();
		if (site.endpointId() != null) {
			this.endpoints.deleteManaged(tenantId, site.endpointId());
		}
	}

	// The managed endpoint of a server-side site: created, changed, or deleted when the
	// site is no longer called by the server.
	private @Nullable Long endpoint(long tenantId, @Nullable ExternalSite current, String name, String url,
			SiteMethod method, boolean serverSide) {
		Long existing = (current != null) ? current.endpointId() : null;
		String target = endpointUrl(url);
		EndpointMethod endpointMethod = EndpointMethod.valueOf(method.name());
		String description = "External site: " + name;
		if (!serverSide) {
			if (existing != null) {
				this.endpoints.deleteManaged(tenantId, existing);
			}
			return null;
		}
		if (existing != null) {
			this.endpoints.updateManaged(tenantId, existing, target, endpointMethod, description);
			return existing;
		}
		return this.endpoints.createManaged(tenantId, EndpointKind.EXTERNAL_SITE, target, endpointMethod, description);
	}

	// Placeholders are not valid in a URI: the endpoint shows them escaped.
	static String endpointUrl(String url) {
		return url.replace("{", "%7B").replace("}", "%7D");
	}

	private long insert(long tenantId, String name, String url, SiteMethod method, ExternalSiteCommand c,
			@Nullable Long endpointId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO external_sites (tenant_id, name, url, trigger_kind, method, format, target, auth_id, hidden,
				  endpoint_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, name, url, c.trigger().name(), method.name(), nameOf(c.format()), nameOf(c.target()),
					c.authId(), c.hidden(), endpointId)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	private long update(long id, String name, String url, SiteMethod method, ExternalSiteCommand c,
			@Nullable Long endpointId) {
		this.jdbc.sql("""
				UPDATE external_sites SET name = ?, url = ?, trigger_kind = ?, method = ?, format = ?, target = ?,
				  auth_id = ?, hidden = ?, endpoint_id = ?
				WHERE id = ?""")
			.params(name, url, c.trigger().name(), method.name(), nameOf(c.format()), nameOf(c.target()), c.authId(),
					c.hidden(), endpointId, id)
			.update();
		return id;
	}

	private boolean nameTaken(long tenantId, String name, @Nullable Long except) {
		return this.jdbc.sql("SELECT COUNT(*) FROM external_sites WHERE tenant_id = ? AND name = ? AND id <> ?")
			.params(tenantId, name, (except != null) ? except : -1L)
			.query(Long.class)
			.single() > 0;
	}

	private boolean authExists(long tenantId, long authId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM external_site_auths WHERE tenant_id = ? AND id = ?")
			.params(tenantId, authId)
			.query(Long.class)
			.single() > 0;
	}

	private static @Nullable String nameOf(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	static ExternalSite map(ResultSet rs, int row) throws SQLException {
		String format = rs.getString("format");
		String target = rs.getString("target");
		return new ExternalSite(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"), rs.getString("url"),
				SiteTrigger.valueOf(rs.getString("trigger_kind")), SiteMethod.valueOf(rs.getString("method")),
				(format != null) ? SiteFormat.valueOf(format) : null,
				(target != null) ? SiteTarget.valueOf(target) : null, Jdbc.longOrNull(rs, "auth_id"),
				rs.getBoolean("hidden"), Jdbc.longOrNull(rs, "endpoint_id"));
	}

}
