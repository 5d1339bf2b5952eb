package com.example.hub.dms.policy;

import com.example.hub.dms.inbound.RequestHandler;
import org.springframework.stereotype.Component;

/** {@code get_policy_info}: looks the policy up and answers {@code policy_info_response}, found or not. */
@Component
class PolicyInfoHandler extends RequestHandler<PolicyInfoRequest> {

    static final String MESSAGE_TYPE = "get_policy_info";

    static final String RESPONSE_TYPE = "policy_info_response";

    private final PolicyStore policies;

    PolicyInfoHandler(PolicyStore policies) {
        super(MESSAGE_TYPE, PolicyInfoRequest.class);
        this.policies = policies;
    }

    @Override
    public Reply handle(PolicyInfoRequest request) {
        PolicyInfoResponse info = this.policies
                .find(request.policyNumber())
                .map(PolicyInfoResponse::found)
                .orElseGet(() -> PolicyInfoResponse.notFound(request.policyNumber()));
        return new Reply(RESPONSE_TYPE, info, info.status() + " " + request.policyNumber());
    }
}
