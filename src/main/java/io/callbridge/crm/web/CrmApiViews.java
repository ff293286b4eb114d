package io.callbridge.crm.web;

import java.util.List;

import io.callbridge.crm.ConnectorInfo;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmField;
import io.callbridge.crm.ManagerCommand;
import io.callbridge.shared.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the CRM API beyond the core's own records: connectors and check results
 * in the reader's language, and the managers' mapping as submitted.
 */
final class CrmApiViews {

	private CrmApiViews() {
	}

	/**
	 * A connector this server has.
	 *
	 * @param key its key, for {@code connector} of a connection
	 * @param displayName the CRM's name
	 * @param fields its own connection fields
	 */
	record ConnectorView(String key, String displayName, List<FieldView> fields) {

		static ConnectorView of(ConnectorInfo info) {
			return new ConnectorView(info.key(), info.displayName(),
					info.fields().stream().map(FieldView::of).toList());
		}

	}

	/**
	 * One connector field, in the reader's language (Accept-Language).
	 *
	 * @param name its name in {@code settings} or, when secret, {@code secrets}
	 * @param secret whether it is a credential (write-only)
	 * @param required whether a connection needs it
	 * @param label its label
	 * @param help what to put there
	 */
	record FieldView(String name, boolean secret, boolean required, String label, String help) {

		static FieldView of(CrmField field) {
			return new FieldView(field.name(), field.secret(), field.required(), Text.of(field.labelKey()).localized(),
					Text.of(field.helpKey()).localized());
		}

	}

	/**
	 * What checking a connection against its CRM found.
	 *
	 * @param passed whether the CRM accepted the address and credentials
	 * @param field the connection field at fault, if one
	 * @param message what was checked or what went wrong, in the reader's language
	 */
	record CheckView(boolean passed, @Nullable String field, String message) {

		static CheckView of(CrmCheck check) {
			return switch (check) {
				case CrmCheck.Passed passed -> new CheckView(true, null, passed.detail().localized());
				case CrmCheck.Failed failed -> new CheckView(false, failed.field(), failed.reason().localized());
			};
		}

	}

	/**
	 * The managers' mapping as submitted: it replaces the stored one.
	 *
	 * @param managers the agents related to CRM users (agents left out are no longer)
	 */
	record ManagersRequest(@NotNull List<@NotNull @Valid ManagerRequest> managers) {

		List<ManagerCommand> toCommands() {
			return this.managers.stream().map(ManagerRequest::toCommand).toList();
		}

	}

	/**
	 * One agent's relation to a CRM user.
	 *
	 * @param agentId the agent
	 * @param crmUserId the CRM user's id (retailCRM's user id)
	 * @param code a telephony code instead of the agent's extension
	 */
	record ManagerRequest(@NotNull Long agentId, @Size(max = 64) @Nullable String crmUserId,
			@Size(max = 64) @Nullable String code) {

		ManagerCommand toCommand() {
			return new ManagerCommand(this.agentId, blankToNull(this.crmUserId), blankToNull(this.code));
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}
