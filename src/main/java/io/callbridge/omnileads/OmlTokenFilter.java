package io.callbridge.omnileads;

import java.io.IOException;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.omnileads.OmlTokens.StoredToken;
import io.callbridge.security.ApiPrincipals;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} with an OMniLeads token, answering
 * refusals as OMniLeads' {@code ExpiringTokenAuthentication} does (403, DRF's shape):
 * "Invalid Token", "User is not active", and "The Token is expired" (the token is then
 * replaced). A header with another keyword, or none, leaves the request anonymous. A
 * token works only under the path of its own tenant.
 */
final class OmlTokenFilter extends OncePerRequestFilter {

	private final OmlTokens tokens;

	private final Agents agents;

	private final Tenants tenants;

	OmlTokenFilter(OmlTokens tokens, Agents agents, Tenants tenants) {
		this.tokens = tokens;
		this.agents = agents;
		this.tenants = tenants;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		String[] words = (header != null) ? header.strip().split("\\s+") : new String[0];
		if (words.length == 0 || !"bearer".equalsIgnoreCase(words[0])) {
			chain.doFilter(request, response);
			return;
		}
		OmlLanguage language = OmlLanguage.of(request);
		if (words.length != 2) {
			OmlTexts refusal = (words.length == 1) ? OmlTexts.TOKEN_HEADER_EMPTY : OmlTexts.TOKEN_HEADER_SPACES;
			OmlAnswer.detail(403, refusal.in(language)).writeTo(response);
			return;
		}
		Optional<StoredToken> token = this.tokens.find(words[1]).filter((found) -> ofPathTenant(request, found));
		if (token.isEmpty()) {
			OmlAnswer.detail(403, "Invalid Token").writeTo(response);
			return;
		}
		Optional<Agent> user = this.agents.find(token.get().tenantId(), token.get().userId()).filter(Agent::enabled);
		if (user.isEmpty()) {
			OmlAnswer.detail(403, "User is not active").writeTo(response);
			return;
		}
		if (this.tokens.expireIfDue(token.get())) {
			OmlAnswer.detail(403, "The Token is expired").writeTo(response);
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(ApiPrincipals.authenticationFor(user.get()));
		chain.doFilter(request, response);
	}

	private boolean ofPathTenant(HttpServletRequest request, StoredToken token) {
		Optional<String> slug = OmlPaths.tenantSlug(request);
		return slug.isEmpty() || this.tenants.findBySlug(slug.get())
			.map(Tenant::id)
			.filter((id) -> id == token.tenantId())
			.isPresent();
	}

}
