package io.callbridge.omnileads;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.omnileads.OmlTokens.Issued;
import io.callbridge.security.PasswordLogins;
import io.callbridge.shared.CurrentUser;
import io.callbridge.tenants.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code POST api/v1/login}: a username and password (JSON, form or multipart)
 * for the user's token. Passwords are checked as at Callbridge's own login (organisation
 * from the path, throttling, audit trail); any refusal is OMniLeads' single 404.
 */
@RestController
class OmlLoginController {

	private final PasswordLogins logins;

	private final OmlTokens tokens;

	private final Agents agents;

	private final OmlAccess access;

	OmlLoginController(PasswordLogins logins, OmlTokens tokens, Agents agents, OmlAccess access) {
		this.logins = logins;
		this.tokens = tokens;
		this.agents = agents;
		this.access = access;
	}

	@PostMapping({ OmlPaths.DEFAULT + "login", OmlPaths.DEFAULT + "login/", OmlPaths.TENANT + "login",
			OmlPaths.TENANT + "login/" })
	ResponseEntity<Object> login(@PathVariable(required = false) @Nullable String tenant, HttpServletRequest request) {
		OmlBody body = OmlBody.read(request);
		OmlLanguage language = OmlLanguage.of(request);
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Optional<String> username = required(body, "username", language, errors);
		Optional<String> password = required(body, "password", language, errors);
		if (!errors.isEmpty()) {
			return ResponseEntity.badRequest().body(errors);
		}
		Optional<CurrentUser> user = this.logins.verify((tenant != null) ? tenant : Tenant.DEFAULT_SLUG,
				username.orElseThrow(), password.orElseThrow(), request);
		if (user.isEmpty()) {
			return ResponseEntity.status(404).body(Map.of("detail", "Invalid Credentials or activate account"));
		}
		Agent agent = this.agents.get(user.get().tenantId(), user.get().userId());
		Issued issued = this.tokens.login(agent.tenantId(), agent.id());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("user", userData(agent, this.access.isAgent(user.get())));
		answer.put("expires_in", seconds(issued.expiresIn()));
		answer.put("token", issued.key());
		return ResponseEntity.ok(answer);
	}

	// DRF's CharField: trimmed, then neither missing, null nor blank.
	private static Optional<String> required(OmlBody body, String field, OmlLanguage language,
			Map<String, List<String>> errors) {
		if (body.node(field).isEmpty()) {
			errors.put(field, List.of(OmlTexts.REQUIRED.in(language)));
			return Optional.empty();
		}
		if (body.node(field).get().isNull()) {
			errors.put(field, List.of(OmlTexts.NULL.in(language)));
			return Optional.empty();
		}
		Optional<String> value = body.filled(field);
		if (value.isEmpty()) {
			errors.put(field, List.of(OmlTexts.BLANK.in(language)));
		}
		return value;
	}

	// OMniLeads' UserSerializer (first and last name, email), plus the agent's id for an
	// agent (a user OMniLeads' agent endpoints accept).
	private static Map<String, Object> userData(Agent agent, boolean isAgent) {
		String name = agent.displayName().strip();
		int space = name.indexOf(' ');
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("first_name", (space < 0) ? name : name.substring(0, space));
		user.put("last_name", (space < 0) ? "" : name.substring(space + 1).strip());
		user.put("email", (agent.email() != null) ? agent.email() : "");
		if (isAgent) {
			user.put("agent_id", agent.id());
		}
		return user;
	}

	/**
	 * Seconds as DRF writes a {@code timedelta}: Python's {@code str(total_seconds())},
	 * e.g. {@code "32400.0"}, {@code "32399.87"}.
	 */
	static String seconds(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
		return ((seconds.scale() < 1) ? seconds.setScale(1) : seconds).toPlainString();
	}

}
