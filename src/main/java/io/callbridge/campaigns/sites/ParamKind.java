package io.callbridge.campaigns.sites;

import java.util.List;

/**
 * Where a CRM parameter's value comes from (OMniLeads' {@code ParametrosCrm.tipo}), with
 * the selectors each kind allows.
 */
public enum ParamKind {

	/** A field of the campaign: {@code id}, {@code nombre}, {@code tipo}. */
	CAMPAIGN(List.of("id", "nombre", "tipo")),
	/** A column of the campaign's contact database. */
	CONTACT(List.of()),
	/** A datum of the call. */
	CALL(List.of("call_id", "agent_id", "agent_username", "agent_name", "telefono", "id_contacto", "rec_filename",
			"call_wait_duration", "datetime")),
	/** A fixed value (OMniLeads' "Fijo"). */
	FIXED(List.of()),
	/** A field of the campaign disposition (DISPOSITION-triggered sites only). */
	DISPOSITION(List.of("id", "name", "subdisposition", "form"));

	private final List<String> selectors;

	ParamKind(List<String> selectors) {
		this.selectors = selectors;
	}

	/** The selectors this kind allows; empty when any (fixed) or a database column. */
	public List<String> selectors() {
		return this.selectors;
	}

}
