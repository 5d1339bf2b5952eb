package com.example.hub.dms.policy;

import com.example.hub.dms.inbound.RequestHandler;
import com.example.hub.messaging.envelope.PayloadMapper;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code get_policy_info}: looks the policy up and answers {@code policy_info_response}, found or not. */
@Component
class PolicyInfoHandler implements RequestHandler {

    static final String MESSAGE_TYPE = "get_policy_info";

    static final String RESPONSE_TYPE = "policy_info_response";

    private final PolicyStore policies;

    private final PayloadMapper payloadMapper;

    PolicyInfoHandler(PolicyStore policies, PayloadMapper payloadMapper) {
        this.policies = policies;
        this.payloadMapper = payloadMapper;
    }

    @Override
    public String messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public Reply handle(Map<String, Object> payload) {
        PolicyInfoRequest request = this.payloadMapper.read(payload, PolicyInfoRequest.class);
        PolicyInfoResponse info = this.policies
                .find(request.policyNumber())
                .map(PolicyInfoResponse::found)
                .orElseGet(() -> PolicyInfoResponse.notFound(request.policyNumber()));
        return new Reply(RESPONSE_TYPE, info, info.status() + " " + request.policyNumber());
    }
}
