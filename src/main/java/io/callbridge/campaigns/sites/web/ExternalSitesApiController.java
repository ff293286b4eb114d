package io.callbridge.campaigns.sites.web;

import java.net.URI;
import java.util.List;

import io.callbridge.campaigns.sites.CrmParam;
import io.callbridge.campaigns.sites.CrmParameters;
import io.callbridge.campaigns.sites.ExternalSite;
import io.callbridge.campaigns.sites.ExternalSiteCommand;
import io.callbridge.campaigns.sites.ExternalSites;
import io.callbridge.campaigns.sites.ParamKind;
import io.callbridge.campaigns.sites.SiteFormat;
import io.callbridge.campaigns.sites.SiteMethod;
import io.callbridge.campaigns.sites.SiteTarget;
import io.callbridge.campaigns.sites.SiteTrigger;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

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
 * REST API for external sites ("URL externa") and the CRM parameters of campaigns.
 * Supervisors and admins. Deleting a site a campaign uses is a 409.
 */
@RestController
@Tag(name = "External sites", description = "CRM pages campaigns open in the console or call from the server")
class ExternalSitesApiController {

	private final ExternalSites sites;

	private final CrmParameters parameters;

	ExternalSitesApiController(ExternalSites sites, CrmParameters parameters) {
		this.sites = sites;
		this.parameters = parameters;
	}

	@GetMapping("/api/v1/external-sites")
	List<ExternalSite> list(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.sites.list(user.tenantId());
	}

	@GetMapping("/api/v1/external-sites/{id}")
	ExternalSite get(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.sites.get(user.tenantId(), id);
	}

	@PostMapping("/api/v1/external-sites")
	@Operation(summary = "Create an external site (OMniLeads' rules on method, format, target and trigger)")
	ResponseEntity<ExternalSite> create(CurrentUser user, @RequestBody SiteRequest request) {
		user.require(Role.SUPERVISOR);
		ExternalSite site = this.sites.save(user.tenantId(), null, request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/external-sites/" + site.id())).body(site);
	}

	@PutMapping("/api/v1/external-sites/{id}")
	ExternalSite update(CurrentUser user, @PathVariable long id, @RequestBody SiteRequest request) {
		user.require(Role.SUPERVISOR);
		return this.sites.save(user.tenantId(), id, request.toCommand());
	}

	@PostMapping("/api/v1/external-sites/{id}/hide")
	ExternalSite hide(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.sites.hide(user.tenantId(), id, true);
	}

	@PostMapping("/api/v1/external-sites/{id}/show")
	ExternalSite show(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.sites.hide(user.tenantId(), id, false);
	}

	@DeleteMapping("/api/v1/external-sites/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.sites.delete(user.tenantId(), id);
	}

	@GetMapping("/api/v1/campaigns/{id}/crm-params")
	List<CrmParam> params(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.parameters.of(user.tenantId(), id);
	}

	@PutMapping("/api/v1/campaigns/{id}/crm-params")
	@Operation(summary = "Replace a campaign's CRM parameters, in order")
	List<CrmParam> replaceParams(CurrentUser user, @PathVariable long id,
			@RequestBody @Nullable List<ParamRequest> request) {
		user.require(Role.SUPERVISOR);
		List<ParamRequest> rows = (request != null) ? request : List.of();
		return this.parameters.replace(user.tenantId(), id, rows.stream().map(ParamRequest::toParam).toList());
	}

	/**
	 * An external site as submitted.
	 *
	 * @param name name
	 * @param url URL
	 * @param trigger BUTTON, AUTOMATIC, SERVER or DISPOSITION
	 * @param method GET or POST
	 * @param format MULTIPART, FORM, TEXT or JSON (POST only)
	 * @param target EMBEDDED or NEW_TAB (browser-side only)
	 * @param authId token authentication
	 * @param hidden hidden from new campaigns
	 */
	record SiteRequest(@Nullable String name, @Nullable String url, @Nullable SiteTrigger trigger,
			@Nullable SiteMethod method, @Nullable SiteFormat format, @Nullable SiteTarget target,
			@Nullable Long authId, @Nullable Boolean hidden) {

		ExternalSiteCommand toCommand() {
			return new ExternalSiteCommand(this.name, this.url, this.trigger, this.method, this.format, this.target,
					this.authId, Boolean.TRUE.equals(this.hidden));
		}

	}

	/**
	 * A CRM parameter as submitted.
	 *
	 * @param kind CAMPAIGN, CONTACT, CALL, FIXED or DISPOSITION
	 * @param selector which field (a fixed parameter: its value)
	 * @param name the parameter's name or a placeholder {@code {N}}
	 */
	record ParamRequest(@Nullable ParamKind kind, @Nullable String selector, @Nullable String name) {

		CrmParam toParam() {
			if (this.kind == null) {
				throw new Problems.InvalidInput("kind", Text.of("param.kindRequired"));
			}
			return new CrmParam(this.kind, (this.selector != null) ? this.selector : "",
					(this.name != null) ? this.name : "");
		}

	}

}
