package io.callbridge.webhooks.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Problems.InvalidInput;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import io.callbridge.webhooks.CreatedEndpoint;
import io.callbridge.webhooks.EndpointCommand;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.RotatedSecret;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;
import io.callbridge.webhooks.WebhookEventTypes;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages of signed webhooks: the endpoints with how they are doing, creating and
 * editing one (its signing secret is shown once, in the answer to the form, never stored
 * in the session), rotating the secret, enabling, disabling, deleting, a test event, and
 * an endpoint's delivery log with replays; plus the notice of endpoints disabled after
 * days of failure.
 */
@Controller
class WebhookPagesController {

	private static final String BASE = "/admin/integration/webhooks";

	private static final int LOG_PAGE = 20;

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final EndpointSummaries summaries;

	private final Tenants tenants;

	WebhookPagesController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, EndpointSummaries summaries,
			Tenants tenants) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.summaries = summaries;
		this.tenants = tenants;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		model.addAttribute("endpoints",
				this.endpoints.list(user.tenantId(), EndpointKind.WEBHOOK).stream().map(this.summaries::of).toList());
		model.addAttribute("zone", zone(user));
		return "admin/integration/webhooks";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		return form(model, null, "", "", List.of());
	}

	@PostMapping(BASE)
	String create(CurrentUser user, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) @Nullable List<String> eventTypes, Model model,
			HttpServletResponse response) {
		user.require(Role.ADMIN);
		List<String> types = (eventTypes != null) ? eventTypes : List.of();
		CreatedEndpoint created;
		try {
			created = this.endpoints.create(user.tenantId(),
					new EndpointCommand(EndpointKind.WEBHOOK, url, EndpointMethod.POST, description, types, true));
		}
		catch (InvalidInput ex) {
			response.setStatus(422);
			model.addAttribute("errors", ex.errors());
			return form(model, null, url, description, types);
		}
		model.addAttribute("secret", created.secret());
		model.addAttribute("created", Boolean.TRUE);
		return detail(user, created.endpoint().id(), 0, model);
	}

	@GetMapping(BASE + "/{id}")
	String detail(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		user.require(Role.ADMIN);
		WebhookEndpoint endpoint = this.endpoints.get(user.tenantId(), id);
		model.addAttribute("summary", this.summaries.of(endpoint));
		model.addAttribute("log", this.deliveries.deliveries(user.tenantId(), id, Math.max(page, 0), LOG_PAGE));
		model.addAttribute("zone", zone(user));
		return "admin/integration/webhook-detail";
	}

	@GetMapping(BASE + "/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		WebhookEndpoint endpoint = webhook(user, id);
		return form(model, endpoint, endpoint.url(), (endpoint.description() != null) ? endpoint.description() : "",
				endpoint.eventTypes());
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) @Nullable List<String> eventTypes, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		WebhookEndpoint endpoint = webhook(user, id);
		List<String> types = (eventTypes != null) ? eventTypes : List.of();
		try {
			this.endpoints.update(user.tenantId(), id,
					new EndpointCommand(EndpointKind.WEBHOOK, url, EndpointMethod.POST, description, types, true));
		}
		catch (InvalidInput ex) {
			response.setStatus(422);
			model.addAttribute("errors", ex.errors());
			return form(model, endpoint, url, description, types);
		}
		redirect.addFlashAttribute("notice", "webhookPage.saved");
		return "redirect:" + BASE + "/" + id;
	}

	@PostMapping(BASE + "/{id}/rotate-secret")
	String rotate(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		RotatedSecret rotated = this.endpoints.rotateSecret(user.tenantId(), id, null);
		model.addAttribute("secret", rotated.secret());
		model.addAttribute("previousExpiresAt", rotated.previousExpiresAt());
		return detail(user, id, 0, model);
	}

	@PostMapping(BASE + "/{id}/enable")
	String enable(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		WebhookEndpoints.refuseConnector(this.endpoints.get(user.tenantId(), id));
		this.endpoints.enable(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "webhookPage.enabledNotice");
		return "redirect:" + BASE + "/" + id;
	}

	@PostMapping(BASE + "/{id}/disable")
	String disable(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		WebhookEndpoints.refuseConnector(this.endpoints.get(user.tenantId(), id));
		this.endpoints.disable(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "webhookPage.disabledNotice");
		return "redirect:" + BASE + "/" + id;
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		WebhookEndpoint endpoint = this.endpoints.get(user.tenantId(), id);
		this.endpoints.delete(user.tenantId(), id);
		redirect.addFlashAttribute("deletedUrl", endpoint.url());
		return "redirect:" + ((endpoint.kind() == EndpointKind.CRM_TRIGGER) ? "/admin/integration/crm-triggers" : BASE);
	}

	@PostMapping(BASE + "/{id}/test")
	String test(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		redirect.addFlashAttribute("testMessageId", this.deliveries.sendTestEvent(user.tenantId(), id));
		return "redirect:" + BASE + "/" + id;
	}

	@PostMapping(BASE + "/{id}/deliveries/{deliveryId}/replay")
	String replay(CurrentUser user, @PathVariable long id, @PathVariable long deliveryId, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		if (this.deliveries.delivery(user.tenantId(), deliveryId).endpointId() != id) {
			throw new Problems.NotFound(Text.of("what.webhookDelivery"), deliveryId);
		}
		this.deliveries.replayDelivery(user.tenantId(), deliveryId);
		redirect.addFlashAttribute("notice", "webhookPage.replayed");
		return "redirect:" + BASE + "/" + id;
	}

	@PostMapping(BASE + "/{id}/replay")
	String replayRange(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ZoneId zone = zone(user);
		try {
			Instant start = time("from", from, zone);
			Instant end = time("to", to, zone);
			int count = this.deliveries.replayRange(user.tenantId(), id, start, end);
			redirect.addFlashAttribute("replayedCount", count);
			return "redirect:" + BASE + "/" + id;
		}
		catch (InvalidInput ex) {
			response.setStatus(422);
			model.addAttribute("errors", ex.errors());
			model.addAttribute("replayFrom", from);
			model.addAttribute("replayTo", to);
			return detail(user, id, 0, model);
		}
	}

	/**
	 * The notice shown to admins on admin pages (loaded by the layout) while an endpoint
	 * of their tenant is disabled after days of failure; empty otherwise.
	 */
	@GetMapping("/admin/integration/notices")
	String notices(CurrentUser user, @RequestHeader(name = "HX-Current-URL", required = false) @Nullable String page,
			Model model) {
		boolean adminPage = page == null || page.contains("/admin/");
		model.addAttribute("failing", (user.isAtLeast(Role.ADMIN) && adminPage)
				? this.endpoints.disabledEndpoints(user.tenantId()) : List.of());
		return "admin/integration/notices :: notice";
	}

	private String form(Model model, @Nullable WebhookEndpoint endpoint, String url, String description,
			List<String> types) {
		model.addAttribute("endpoint", endpoint);
		model.addAttribute("url", url);
		model.addAttribute("description", description);
		model.addAttribute("selectedTypes", types);
		model.addAttribute("families", EventFamily.all());
		return "admin/integration/webhook-form";
	}

	private WebhookEndpoint webhook(CurrentUser user, long id) {
		WebhookEndpoint endpoint = this.endpoints.get(user.tenantId(), id);
		if (endpoint.kind() != EndpointKind.WEBHOOK) {
			// A CRM trigger is edited on the CRM-triggers page.
			throw new InvalidInput("kind", Text.of("webhookPage.editOnCrmTriggers"));
		}
		return endpoint;
	}

	private ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	// A datetime-local field, in the tenant's zone.
	private static Instant time(String field, String value, ZoneId zone) {
		try {
			return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInput(List.of(new FieldError(field, Text.of("webhookPage.rangeTime"))));
		}
	}

	/**
	 * A family of event types as the form groups them: its {@code family.*} filter and
	 * its types.
	 *
	 * @param name {@code call}, {@code customer}, {@code case}, {@code followup} or
	 * {@code task}
	 * @param types its event types
	 */
	record EventFamily(String name, List<String> types) {

		/** The filter that matches every type of the family. */
		public String wildcard() {
			return this.name + ".*";
		}

		static List<EventFamily> all() {
			return List.of("call", "customer", "case", "followup", "task")
				.stream()
				.map((family) -> new EventFamily(family,
						WebhookEventTypes.all().stream().filter((type) -> type.startsWith(family + ".")).toList()))
				.toList();
		}

	}

}
