package io.callbridge.tenants;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API for the caller's own tenant settings: name, phone region, time zone and currency.
 */
@RestController
@RequestMapping("/api/v1/tenant")
@Tag(name = "Tenant", description = "The settings of the caller's tenant")
class TenantSettingsController {

	private final Tenants tenants;

	TenantSettingsController(Tenants tenants) {
		this.tenants = tenants;
	}

	@GetMapping
	TenantView get(CurrentUser user) {
		return TenantView.of(this.tenants.get(user.tenantId()));
	}

	@PutMapping
	TenantView update(CurrentUser user, @Valid @RequestBody TenantSettings settings) {
		user.require(Role.ADMIN);
		settings.validate();
		this.tenants.update(user.tenantId(), settings.name(), settings.defaultRegion().toUpperCase(Locale.ROOT),
				ZoneId.of(settings.timeZone()), settings.currency().toUpperCase(Locale.ROOT));
		return get(user);
	}

	/**
	 * Editable tenant settings.
	 *
	 * @param name display name
	 * @param defaultRegion ISO 3166 region for numbers without country code
	 * @param timeZone IANA time zone id
	 * @param currency ISO 4217 code
	 */
	record TenantSettings(@NotBlank @Size(max = 200) String name, @NotBlank String defaultRegion,
			@NotBlank String timeZone, @NotBlank String currency) {

		void validate() {
			List<FieldError> errors = new ArrayList<>();
			if (!PhoneNumberUtil.getInstance()
				.getSupportedRegions()
				.contains(this.defaultRegion.toUpperCase(Locale.ROOT))) {
				errors.add(new FieldError("defaultRegion", Text.of("tenant.unknownRegion", this.defaultRegion)));
			}
			try {
				ZoneId.of(this.timeZone);
			}
			catch (DateTimeException ex) {
				errors.add(new FieldError("timeZone", Text.of("tenant.unknownTimeZone", this.timeZone)));
			}
			try {
				Currency.getInstance(this.currency.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("currency", Text.of("tenant.unknownCurrency", this.currency)));
			}
			if (!errors.isEmpty()) {
				throw new Problems.InvalidInput(errors);
			}
		}

	}

	/**
	 * A tenant as the API shows it.
	 *
	 * @param id tenant id
	 * @param slug short name
	 * @param name display name
	 * @param defaultRegion phone region
	 * @param timeZone time zone
	 * @param currency currency
	 */
	record TenantView(long id, String slug, String name, String defaultRegion, String timeZone, String currency) {

		static TenantView of(Tenant tenant) {
			return new TenantView(tenant.id(), tenant.slug(), tenant.name(), tenant.defaultRegion(),
					tenant.timeZone().getId(), tenant.currency());
		}

	}

}
