package io.callbridge.telephony;

import java.util.Map;

import io.callbridge.tenants.TenantCreated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives every tenant a built-in sandbox PBX account, so Callbridge works before any real
 * provider is connected. Created on first start for the default tenant and when a tenant
 * is created.
 */
@Component
public class SandboxProvisioning {

	/** The sandbox provider's key. */
	public static final String PROVIDER = "sandbox";

	private final TelephonyAccounts accounts;

	SandboxProvisioning(TelephonyAccounts accounts) {
		this.accounts = accounts;
	}

	/** Returns the tenant's sandbox account, creating it when the tenant has none. */
	@Transactional
	public TelephonyAccount ensureSandbox(long tenantId) {
		return this.accounts.findFirst(tenantId, PROVIDER)
			.orElseGet(() -> this.accounts.create(tenantId, PROVIDER, "Sandbox PBX", true,
					Map.of("extensions", "100-119"), null));
	}

	@EventListener
	void on(TenantCreated event) {
		ensureSandbox(event.tenantId());
	}

}
