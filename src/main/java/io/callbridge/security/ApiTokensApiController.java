package io.callbridge.security;

import java.time.Instant;
import java.util.List;

import io.callbridge.agents.Agents;
import io.callbridge.security.ApiTokens.ApiToken;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API with which an admin issues and revokes API tokens for integrations.
 */
@RestController
@Tag(name = "API tokens", description = "Bearer tokens for integrations; the secret is shown only once")
class ApiTokensApiController {

	private final ApiTokens tokens;

	private final Agents agents;

	ApiTokensApiController(ApiTokens tokens, Agents agents) {
		this.tokens = tokens;
		this.agents = agents;
	}

	@GetMapping("/api/v1/api-tokens")
	List<TokenView> list(CurrentUser user) {
		user.require(Role.ADMIN);
		return this.tokens.list(user.tenantId()).stream().map((token) -> TokenView.of(token, null)).toList();
	}

	@PostMapping("/api/v1/api-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Issue a token acting as the given user (default: the caller); its secret is returned once")
	TokenView issue(CurrentUser user, @Valid @RequestBody TokenRequest request) {
		user.require(Role.ADMIN);
		long actsAs = (request.userId() != null) ? this.agents.get(user.tenantId(), request.userId()).id()
				: user.userId();
		ApiTokens.IssuedToken issued = this.tokens.issue(user.tenantId(), actsAs, request.name().trim());
		return TokenView.of(issued.token(), issued.secret());
	}

	@DeleteMapping("/api/v1/api-tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.tokens.revoke(user.tenantId(), id);
	}

	/**
	 * A token to issue.
	 *
	 * @param name what it is for
	 * @param userId the user it acts as (default: the caller)
	 */
	record TokenRequest(@NotBlank @Size(max = 100) String name, @Nullable Long userId) {
	}

	/**
	 * A token as shown.
	 *
	 * @param id id
	 * @param name what it is for
	 * @param userId user it acts as
	 * @param prefix first characters of the secret
	 * @param createdAt creation time
	 * @param lastUsedAt last use
	 * @param revokedAt revocation time
	 * @param secret the secret; only in the answer to its creation
	 */
	record TokenView(long id, String name, long userId, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
			@Nullable Instant revokedAt, @Nullable String secret) {

		static TokenView of(ApiToken token, @Nullable String secret) {
			return new TokenView(token.id(), token.name(), token.userId(), token.prefix(), token.createdAt(),
					token.lastUsedAt(), token.revokedAt(), secret);
		}

	}

}
