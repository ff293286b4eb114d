package io.callbridge.crm;

/** What the CRM said about a number's responsible manager. */
public sealed interface CrmLookup {

	/**
	 * The CRM names the responsible manager.
	 *
	 * @param manager the manager, by user id and/or code
	 */
	record Found(CrmUserRef manager) implements CrmLookup {
	}

	/** The CRM has no responsible manager for the number. */
	record NotFound() implements CrmLookup {
	}

	/**
	 * The CRM could not say in time or refused.
	 *
	 * @param error what went wrong
	 */
	record Failed(String error) implements CrmLookup {
	}

}
