package io.callbridge.campaigns.sites.web;

import java.net.URI;
import java.util.List;

import io.callbridge.campaigns.sites.ExternalSiteAuth;
import io.callbridge.campaigns.sites.ExternalSiteAuthCommand;
import io.callbridge.campaigns.sites.ExternalSiteAuths;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.webhooks.ExternalSiteTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for the token authentications of external sites. Admins only: they hold a
 * CRM's credentials. Passwords are write-only (never returned, unlike OMniLeads).
 */
@RestController
@Tag(name = "External site authentications", description = "Bearer-token logins against CRMs")
class ExternalSiteAuthsApiController {

	private final ExternalSiteAuths auths;

	ExternalSiteAuthsApiController(ExternalSiteAuths auths) {
		this.auths = auths;
	}

	@GetMapping("/api/v1/external-site-auths")
	List<ExternalSiteAuth> list(CurrentUser user) {
		user.require(Role.ADMIN);
		return this.auths.list(user.tenantId());
	}

	@GetMapping("/api/v1/external-site-auths/{id}")
	ExternalSiteAuth get(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		return this.auths.get(user.tenantId(), id);
	}

	@PostMapping("/api/v1/external-site-auths")
	ResponseEntity<ExternalSiteAuth> create(CurrentUser user, @RequestBody ExternalSiteAuthCommand request) {
		user.require(Role.ADMIN);
		ExternalSiteAuth auth = this.auths.save(user.tenantId(), null, request);
		return ResponseEntity.created(URI.create("/api/v1/external-site-auths/" + auth.id())).body(auth);
	}

	@PutMapping("/api/v1/external-site-auths/{id}")
	@Operation(summary = "Change an authentication; a blank or missing password keeps the stored one")
	ExternalSiteAuth update(CurrentUser user, @PathVariable long id, @RequestBody ExternalSiteAuthCommand request) {
		user.require(Role.ADMIN);
		return this.auths.save(user.tenantId(), id, request);
	}

	@DeleteMapping("/api/v1/external-site-auths/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.auths.delete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/external-site-auths/{id}/test")
	@Operation(summary = "Log in to the CRM once: 200 with the token's validity, or 200 with the reason it failed")
	TestResult test(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		try {
			return new TestResult(true, this.auths.test(user.tenantId(), id).toSeconds(), null);
		}
		catch (ExternalSiteTokens.AuthenticationFailed ex) {
			return new TestResult(false, null, ex.getMessage());
		}
	}

	/**
	 * What a login test came to.
	 *
	 * @param ok whether a token was obtained
	 * @param validSeconds how long it is valid
	 * @param error why it failed
	 */
	record TestResult(boolean ok, @org.jspecify.annotations.Nullable Long validSeconds,
			@org.jspecify.annotations.Nullable String error) {
	}

}
