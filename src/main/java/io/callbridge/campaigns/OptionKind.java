package io.callbridge.campaigns;

/**
 * What a disposition option means for the campaign (OMniLeads' "tipo"): a managed result
 * (a sale, an appointment) or no action.
 */
public enum OptionKind {

	/** A result that counts as handled ("gestión"). */
	ACTION,
	/** Nothing to follow up ("sin acción"). */
	NO_ACTION

}
