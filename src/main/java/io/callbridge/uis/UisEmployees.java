package io.callbridge.uis;

import java.util.List;
import java.util.Optional;

/**
 * The employees of each UIS account as last read from {@code get.employees}, kept in the
 * database so the inbound side can answer within UIS's deadline without asking UIS.
 * Implemented by the outbound side.
 */
public interface UisEmployees {

	/** One employee of the account, if known. */
	Optional<UisEmployee> find(long accountId, String employeeId);

	/** Every known employee of the account. */
	List<UisEmployee> list(long accountId);

}
