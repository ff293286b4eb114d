package io.callbridge.crm.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.ConnectorInfo;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmField;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the connection page shows, for the controllers that answer with it: the form (a
 * new connection's, or a connection's with its status, actions, retailCRM setup, managers
 * and delivery log).
 */
@Component
class ConnectionPage {

	/** The template of the connection page. */
	static final String VIEW = "admin/crm/connection";

	/** How many deliveries the page's log shows. */
	static final int LOG_SIZE = 50;

	private final CrmConnections connections;

	private final ConnectionDeliveries deliveries;

	private final PublicBaseUrl publicBaseUrl;

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	ConnectionPage(CrmConnections connections, ConnectionDeliveries deliveries, PublicBaseUrl publicBaseUrl,
			TelephonyAccounts accounts, Tenants tenants) {
		this.connections = connections;
		this.deliveries = deliveries;
		this.publicBaseUrl = publicBaseUrl;
		this.accounts = accounts;
		this.tenants = tenants;
	}

	/** The page of an existing connection, its form holding what the admin sees. */
	String existing(CurrentUser user, Model model, ConnectionView connection, ConnectionForm form,
			List<Problems.FieldError> errors) {
		model.addAttribute("managers", this.connections.managers(user.tenantId(), connection.id()));
		model.addAttribute("log", this.deliveries.of(user.tenantId(), connection.id(), 0, LOG_SIZE));
		return form(user, model, connection, form, errors);
	}

	/** The page of an existing connection as stored. */
	String existing(CurrentUser user, Model model, long id) {
		ConnectionView connection = this.connections.get(user.tenantId(), id);
		return existing(user, model, connection, ConnectionForm.of(connection), List.of());
	}

	/** The form of a new connection. */
	String creating(CurrentUser user, Model model, ConnectionForm form, List<Problems.FieldError> errors) {
		return form(user, model, null, form, errors);
	}

	/** The connector of a key, if this server has it. */
	Optional<ConnectorInfo> connector(@Nullable String key) {
		return this.connections.connectors().stream().filter((c) -> c.key().equals(key)).findFirst();
	}

	/** The connector a form names; an unknown one is refused (422). */
	ConnectorInfo requiredConnector(@Nullable String key) {
		return connector(key).orElseThrow(() -> new Problems.InvalidInput("connector",
				Text.of("crmPage.unknownConnector", (key != null) ? key : "")));
	}

	/** A connector's fields; none when this server no longer has it. */
	List<CrmField> fields(String key) {
		return connector(key).map(ConnectorInfo::fields).orElse(List.of());
	}

	ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	private String form(CurrentUser user, Model model, @Nullable ConnectionView connection, ConnectionForm form,
			List<Problems.FieldError> errors) {
		model.addAttribute("connection", connection);
		model.addAttribute("form", form);
		model.addAttribute("connector", connector(form.connector()).orElse(null));
		model.addAttribute("fields", fields(form.connector()));
		model.addAttribute("accounts", this.accounts.list(user.tenantId()));
		model.addAttribute("errors", errors);
		model.addAttribute("defaultPublicUrl", this.publicBaseUrl.byDefault());
		model.addAttribute("zone", zone(user));
		return VIEW;
	}

}
