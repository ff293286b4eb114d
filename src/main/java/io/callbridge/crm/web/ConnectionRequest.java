package io.callbridge.crm.web;

import java.util.List;
import java.util.Map;

import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import org.jspecify.annotations.Nullable;

/**
 * A connection as an API client sends it. On create, {@code connector}, {@code name},
 * {@code baseUrl} and {@code accountIds} are required; on update, a field left out keeps
 * its value. Secrets are write-only: one left out or blank keeps its stored value.
 *
 * @param connector the connector's key ({@code GET /api/v1/crm/connectors}); fixed once
 * created
 * @param name a name for admins
 * @param baseUrl the CRM account's address, e.g. {@code https://shop.retailcrm.ru}
 * @param integrationCode the integration's code in the CRM (retailCRM's module code)
 * @param publicBaseUrl Callbridge's public address for the CRM's requests; blank: the
 * server's {@code callbridge.public-url}, else the address of this request
 * @param accountIds the telephony accounts whose calls the CRM receives (the first is the
 * default for click-to-call)
 * @param responsibleFromCrm whether routing asks the CRM for the caller's responsible
 * manager (default false)
 * @param enabled whether anything is sent or accepted (default true)
 * @param settings the connector's non-secret fields (replace the stored ones when given)
 * @param secrets the connector's secret fields (never shown again)
 */
record ConnectionRequest(@NotBlank(groups = OnCreate.class) @Size(max = 40) @Nullable String connector,
		@NotBlank(groups = OnCreate.class) @Size(max = 200) @Nullable String name,
		@NotBlank(groups = OnCreate.class) @Size(max = 500) @Nullable String baseUrl,
		@Size(max = 100) @Nullable String integrationCode, @Size(max = 500) @Nullable String publicBaseUrl,
		@NotEmpty(groups = OnCreate.class) @Nullable List<@NotNull Long> accountIds,
		@Nullable Boolean responsibleFromCrm, @Nullable Boolean enabled, @Nullable Map<String, String> settings,
		@Nullable Map<String, String> secrets) {

	/** The checks of a new connection: the required fields, besides every other check. */
	interface OnCreate extends Default {

	}

	/** The command creating a connection, with Callbridge's public address filled in. */
	ConnectionCommand toCreate(String publicBaseUrl) {
		return new ConnectionCommand(text(this.connector), text(this.name), text(this.baseUrl),
				text(this.integrationCode), publicBaseUrl, (this.accountIds != null) ? this.accountIds : List.of(),
				Boolean.TRUE.equals(this.responsibleFromCrm), !Boolean.FALSE.equals(this.enabled),
				(this.settings != null) ? this.settings : Map.of(), (this.secrets != null) ? this.secrets : Map.of());
	}

	/**
	 * The command changing a connection: what is left out is taken from the current one;
	 * its public address is kept unless given ({@code publicBaseUrl} is the address to
	 * use when one is given, blank included).
	 */
	ConnectionCommand toUpdate(ConnectionView current, String publicBaseUrl) {
		return new ConnectionCommand(or(this.connector, current.connector()), or(this.name, current.name()),
				or(this.baseUrl, current.baseUrl()), or(this.integrationCode, current.integrationCode()),
				(this.publicBaseUrl != null) ? publicBaseUrl : current.publicBaseUrl(),
				(this.accountIds != null) ? this.accountIds : current.accountIds(),
				(this.responsibleFromCrm != null) ? this.responsibleFromCrm : current.responsibleFromCrm(),
				(this.enabled != null) ? this.enabled : current.enabled(),
				(this.settings != null) ? this.settings : current.settings(),
				(this.secrets != null) ? this.secrets : Map.of());
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static String or(@Nullable String value, String current) {
		return (value != null) ? value : current;
	}

}
