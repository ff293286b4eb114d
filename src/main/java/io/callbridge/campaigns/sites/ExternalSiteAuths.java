package io.callbridge.campaigns.sites;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.SecretCipher;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.DeliveryCredentials.AuthSpec;
import io.callbridge.webhooks.ExternalSiteTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's token authentications against CRMs: create, change, delete, test. Passwords
 * are encrypted at rest with the {@link SecretCipher} that protects provider credentials
 * (OMniLeads keeps them in clear and returns them) and are never returned.
 */
@Service
public class ExternalSiteAuths {

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final ExternalSiteTokens tokens;

	ExternalSiteAuths(JdbcClient jdbc, SecretCipher cipher, ExternalSiteTokens tokens) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.tokens = tokens;
	}

	public List<ExternalSiteAuth> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM external_site_auths WHERE tenant_id = ? ORDER BY name")
			.param(tenantId)
			.query(ExternalSiteAuths::map)
			.list();
	}

	public Optional<ExternalSiteAuth> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM external_site_auths WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(ExternalSiteAuths::map)
			.optional();
	}

	public ExternalSiteAuth get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.externalSiteAuth"), id));
	}

	/** Creates ({@code id} null) or changes an authentication; 422 naming the fields. */
	@Transactional
	public ExternalSiteAuth save(long tenantId, @Nullable Long id, ExternalSiteAuthCommand command) {
		if (id != null) {
			get(tenantId, id);
		}
		List<FieldError> errors = errors(tenantId, id, command);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		String tokenField = blank(command.tokenField()) ? "token" : command.tokenField().strip();
		String durationField = blank(command.durationField()) ? null : command.durationField().strip();
		int duration = (command.durationSeconds() != null) ? command.durationSeconds() : 0;
		if (id == null) {
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("""
					INSERT INTO external_site_auths (tenant_id, name, url, username, password, token_field,
					  duration_seconds, duration_field)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(tenantId, command.name().strip(), command.url().strip(), command.username().strip(),
						this.cipher.encrypt(command.password()), tokenField, duration, durationField)
				.update(keys, "id");
			return get(tenantId, keys.getKeyAs(Long.class));
		}
		this.jdbc.sql("""
				UPDATE external_site_auths SET name = ?, url = ?, username = ?, token_field = ?, duration_seconds = ?,
				  duration_field = ? WHERE id = ?""")
			.params(command.name().strip(), command.url().strip(), command.username().strip(), tokenField, duration,
					durationField, id)
			.update();
		if (!blank(command.password())) {
			this.jdbc.sql("UPDATE external_site_auths SET password = ? WHERE id = ?")
				.params(this.cipher.encrypt(command.password()), id)
				.update();
		}
		return get(tenantId, id);
	}

	/** Deletes an authentication; sites using it go on without. */
	@Transactional
	public void delete(long tenantId, long id) {
		get(tenantId, id);
		this.jdbc.sql("DELETE FROM external_site_auths WHERE id = ?").param(id).update();
	}

	/**
	 * Logs in to the CRM once, as a delivery would.
	 * @return how long the token it gave is valid
	 * @throws ExternalSiteTokens.AuthenticationFailed saying why it failed
	 */
	public Duration test(long tenantId, long id) {
		return this.tokens
			.test(spec(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.externalSiteAuth"), id)));
	}

	/** The authentication with its password decrypted, for a delivery. */
	Optional<AuthSpec> spec(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM external_site_auths WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query((rs, n) -> new AuthSpec(rs.getString("url"), rs.getString("username"),
					this.cipher.decrypt(rs.getString("password")), rs.getString("token_field"),
					rs.getInt("duration_seconds"), rs.getString("duration_field")))
			.optional();
	}

	private List<FieldError> errors(long tenantId, @Nullable Long id, ExternalSiteAuthCommand c) {
		List<FieldError> errors = new ArrayList<>();
		if (blank(c.name()) || c.name().strip().length() > 128) {
			errors.add(new FieldError("name", Text.of("siteAuth.nameRequired", 128)));
		}
		else if (this.jdbc.sql("SELECT COUNT(*) FROM external_site_auths WHERE tenant_id = ? AND name = ? AND id <> ?")
			.params(tenantId, c.name().strip(), (id != null) ? id : -1L)
			.query(Long.class)
			.single() > 0) {
			errors.add(new FieldError("name", Text.of("siteAuth.nameTaken", c.name().strip())));
		}
		if (!httpUrl(c.url())) {
			errors.add(new FieldError("url", Text.of("site.urlInvalid", 2000)));
		}
		if (blank(c.username()) || c.username().strip().length() > 128) {
			errors.add(new FieldError("username", Text.of("siteAuth.usernameRequired", 128)));
		}
		if ((id == null && blank(c.password())) || (c.password() != null && c.password().length() > 500)) {
			errors.add(new FieldError("password", Text.of("siteAuth.passwordRequired", 500)));
		}
		int duration = (c.durationSeconds() != null) ? c.durationSeconds() : 0;
		if (duration < 0) {
			errors.add(new FieldError("durationSeconds", Text.of("siteAuth.durationInvalid")));
		}
		else if (duration == 0 && blank(c.durationField())) {
			errors.add(new FieldError("durationField", Text.of("siteAuth.durationFieldRequired")));
		}
		return errors;
	}

	private static boolean httpUrl(@Nullable String value) {
		if (blank(value) || value.strip().length() > 2000) {
			return false;
		}
		try {
			URI uri = new URI(value.strip());
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	static ExternalSiteAuth map(ResultSet rs, int row) throws SQLException {
		return new ExternalSiteAuth(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
				rs.getString("url"), rs.getString("username"), rs.getString("token_field"),
				rs.getInt("duration_seconds"), rs.getString("duration_field"));
	}

}
