package com.example.hub.crm.creatio;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Creatio. application.yml binds these from {@code CREATIO_*} environment variables.
 *
 * @param baseUrl e.g. {@code https://mycompany.creatio.com} ({@code CREATIO_BASE_URL})
 * @param username the integration user ({@code CREATIO_USERNAME})
 * @param password its password ({@code CREATIO_PASSWORD})
 * @param loginPath the AuthService login, relative to the base URL ({@code CREATIO_LOGIN_PATH})
 * @param odataPath the OData 4 root, relative to the base URL ({@code CREATIO_ODATA_PATH})
 * @param connectTimeout how long to wait for a connection ({@code CREATIO_CONNECT_TIMEOUT})
 * @param readTimeout how long to wait for an answer ({@code CREATIO_READ_TIMEOUT})
 */
@Validated
@ConfigurationProperties("creatio")
public record CreatioProperties(
        @NotNull @DefaultValue("http://localhost:8090") URI baseUrl,
        @NotBlank @DefaultValue("Supervisor") String username,
        @NotNull @DefaultValue("Supervisor") String password,

        @NotBlank @DefaultValue("/ServiceModel/AuthService.svc/Login")
        String loginPath,

        @NotBlank @DefaultValue("/0/odata") String odataPath,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout) {

    @Override
    public String toString() {
        return "CreatioProperties[baseUrl=" + baseUrl + ", username=" + username + ", password=***, loginPath="
                + loginPath + ", odataPath=" + odataPath + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + "]";
    }
}
