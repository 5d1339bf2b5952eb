package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.ExpectedCount.once;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.headerDoesNotExist;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.ResponseActions;
import org.springframework.web.client.RestClient;

/**
 * The client's requests, one by one, against {@link MockRestServiceServer}, and Creatio's answers as its OData 4
 * documentation shows them (the client's half of the contract that fake-creatio's tests keep from the other side):
 * the login's cookies, an order found by number and addressed by GUID, statuses through {@code OrderStatus} and
 * {@code StatusId}, the policy in custom columns or {@code Comment}, {@code $metadata}, OData errors.
 */
class CreatioRequestsTests {

    private static final String BASE = "https://mycompany.creatio.com";
    private static final String LOGIN = BASE + "/ServiceModel/AuthService.svc/Login";
    private static final String ODATA = BASE + "/0/odata";
    private static final String ORDER_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String SHIPPED_ID = "0a3e2b1c-5f7d-4c8e-9a6b-1d2e3f4a5b6c";
    private static final String COMPLETED_ID = "40de86ee-274d-4098-9b92-9ebdcf83d4fc";
    private static final String CANCELED_ID = "9a2b7c39-5a4f-4c2e-8d3e-6f1b2c3d4e5f";
    private static final String FIND_ORD9876 = ODATA + "/Order?$filter=Number%20eq%20%27ORD9876%27&$select=Id&$top=2";
    private static final String STATUSES = ODATA + "/OrderStatus?$select=Id%2CName";
    private static final String ORDER = ODATA + "/Order(" + ORDER_ID + ")";
    private static final String SESSION_COOKIES =
            ".ASPXAUTH=auth-1; BPMCSRF=csrf-1; BPMLOADER=loader-1; UserName=Supervisor";

    private final RestClient.Builder builder = RestClient.builder();
    private final MockRestServiceServer creatio =
            MockRestServiceServer.bindTo(builder).build();

    @Test
    void aStatusIsSetThroughTheOrdersGuidAndTheGuidOfItsOrderStatus() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.PATCH, ORDER)
                .andExpect(header(HttpHeaders.CONTENT_TYPE, "application/json;odata.metadata=minimal"))
                .andExpect(content().json("{\"StatusId\":\"" + SHIPPED_ID + "\"}", true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));
        // the order's GUID and the statuses are remembered: the next status is one PATCH
        expect(HttpMethod.PATCH, ORDER)
                .andExpect(content().json("{\"StatusId\":\"" + COMPLETED_ID + "\"}", true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));

        client.updateOrderStatus("ORD9876", "Shipped");
        client.updateOrderStatus("ORD9876", "4. Completed");

        creatio.verify();
    }

    @Test
    void theStatusMapTurns1csNamesIntoCreatios() {
        CreatioClient client =
                client(properties(Map.of("delivered", "4. Completed"), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.PATCH, ORDER)
                .andExpect(content().json("{\"StatusId\":\"" + COMPLETED_ID + "\"}", true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));

        client.updateOrderStatus("ORD9876", "Delivered");

        creatio.verify();
    }

    @Test
    void anUnknownStatusIsLookedUpOnceMoreThenPermanentListingTheValidNames() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.PATCH, ORDER).andRespond(withStatus(HttpStatus.NO_CONTENT));
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));

        client.updateOrderStatus("ORD9876", "Shipped");
        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Lost"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("no order status 'Lost'")
                .hasMessageContaining("'4. Completed', '5. Canceled', 'Shipped'")
                .hasMessageContaining("creatio.status-map");

        creatio.verify();
    }

    @Test
    void theOrderNumberIsAQuotedLiteralWithItsQuotesDoubledInTheConfiguredColumn() {
        CreatioProperties properties = TestCreatio.properties(
                URI.create(BASE),
                "secret",
                Duration.ofSeconds(10),
                "UsrErpNumber",
                Map.of(),
                CreatioProperties.PolicyColumns.NONE);
        CreatioClient client = client(properties);
        expectLogin();
        expect(
                        HttpMethod.GET,
                        ODATA
                                + "/Order?$filter=UsrErpNumber%20eq%20%27O%27%27Brien%2B1%20%26%20Co%27&$select=Id&$top=2")
                .andRespond(json(orderIds(ORDER_ID)));

        assertThat(client.orderId("O'Brien+1 & Co")).hasToString(ORDER_ID);
        assertThat(client.orderId("O'Brien+1 & Co")).as("remembered").hasToString(ORDER_ID);

        creatio.verify();
    }

    @Test
    void noOrderWithTheNumberIsPermanent() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(json(orderIds()));

        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("Creatio has no order whose Number is 'ORD9876'");
        creatio.verify();
    }

    @Test
    void moreThanOneOrderWithTheNumberIsPermanentNamingThem() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(json(orderIds(ORDER_ID, SHIPPED_ID)));

        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("more than one order whose Number is 'ORD9876'")
                .hasMessageContaining(ORDER_ID)
                .hasMessageContaining(SHIPPED_ID);
        creatio.verify();
    }

    @Test
    void thePolicyGoesIntoTheConfiguredCustomColumns() {
        CreatioClient client = client(properties(Map.of(), usrColumns()));
        expectLoginAndOrder();
        expect(HttpMethod.PATCH, ORDER)
                .andExpect(content().json("""
                                {"UsrPolicyNumber":"POL-1","UsrInsurer":"Acme Insurance","UsrPolicyStatus":"ACTIVE",
                                 "UsrPolicyStartDate":"2026-01-01","UsrPolicyEndDate":"2026-12-31"}""", true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));

        client.recordPolicy("ORD9876", policy());

        creatio.verify();
    }

    @Test
    void withoutColumnsThePolicyIsALineAddedToTheOrdersComment() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, ORDER + "?$select=Comment")
                .andRespond(json("{\"@odata.context\":\"" + ODATA + "/$metadata#Order(Comment)/$entity\",\"Id\":\""
                        + ORDER_ID + "\",\"Comment\":\"Deliver to the back door\"}"));
        expect(HttpMethod.PATCH, ORDER)
                .andExpect(content()
                        .json(
                                "{\"Comment\":\"Deliver to the back door\\nPolicy (from DMS): number POL-1, insurer"
                                        + " Acme Insurance, status ACTIVE, start date 2026-01-01, end date 2026-12-31\"}",
                                true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));

        client.recordPolicy("ORD9876", policy());

        creatio.verify();
    }

    @Test
    void aRedeliveredMessageReadsTheOrdersStatusBeforeWriting() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.GET, ORDER + "?$select=StatusId")
                .andRespond(json("{\"Id\":\"" + ORDER_ID + "\",\"StatusId\":\"" + SHIPPED_ID + "\"}"));

        assertThat(client.orderHasStatus("ORD9876", "Shipped")).isTrue();
        creatio.verify();
    }

    @Test
    void creatiosODataErrorIsTheReasonOfAPermanentFailure() {
        CreatioClient client = client(properties(Map.of(), usrColumns()));
        expectLoginAndOrder();
        expect(HttpMethod.PATCH, ORDER)
                .andRespond(withStatus(HttpStatus.BAD_REQUEST)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":{\"code\":\"\",\"message\":\"The property 'UsrInsurer' does not exist on"
                                + " type 'Terrasoft.Configuration.Order'.\"}}"));

        assertThatThrownBy(() -> client.recordPolicy("ORD9876", policy()))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining(
                        "The property 'UsrInsurer' does not exist on type 'Terrasoft.Configuration.Order'");
        creatio.verify();
    }

    @Test
    void anOrderCreatioNoLongerHasUnderItsGuidIsFoundByNumberAgain() {
        String newId = "5b0c7a1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b";
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.PATCH, ORDER).andRespond(withStatus(HttpStatus.NO_CONTENT));
        // deleted and created again under another GUID
        expect(HttpMethod.PATCH, ORDER)
                .andRespond(withStatus(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":{\"code\":\"\",\"message\":\"Resource not found\"}}"));
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(json(orderIds(newId)));
        expect(HttpMethod.PATCH, ODATA + "/Order(" + newId + ")")
                .andExpect(content().json("{\"StatusId\":\"" + COMPLETED_ID + "\"}", true))
                .andRespond(withStatus(HttpStatus.NO_CONTENT));

        client.updateOrderStatus("ORD9876", "Shipped");
        client.updateOrderStatus("ORD9876", "4. Completed");

        assertThat(client.orderId("ORD9876")).hasToString(newId);
        creatio.verify();
    }

    @Test
    void a401RenewsTheSessionOnceAndRepeatsTheCall() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(withStatus(HttpStatus.UNAUTHORIZED));
        creatio.expect(once(), requestTo(LOGIN))
                .andRespond(withSuccess(LOGIN_OK, MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.SET_COOKIE, ".ASPXAUTH=auth-2; path=/; HttpOnly")
                        .header(HttpHeaders.SET_COOKIE, "BPMCSRF=csrf-2; path=/"));
        creatio.expect(once(), requestTo(FIND_ORD9876))
                .andExpect(header(HttpHeaders.COOKIE, ".ASPXAUTH=auth-2; BPMCSRF=csrf-2"))
                .andExpect(header("BPMCSRF", "csrf-2"))
                .andRespond(json(orderIds(ORDER_ID)));

        assertThat(client.orderId("ORD9876")).hasToString(ORDER_ID);
        creatio.verify();
    }

    @Test
    void a401AfterTheRenewalIsAnAuthenticationFailure() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(withStatus(HttpStatus.UNAUTHORIZED));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(withStatus(HttpStatus.UNAUTHORIZED));

        assertThatThrownBy(() -> client.orderId("ORD9876"))
                .isInstanceOf(CreatioAuthenticationException.class)
                .hasMessageContaining("401 even after a fresh login");
        creatio.verify();
    }

    @Test
    void a403IsAPermanentConfigurationErrorWithoutANewLogin() {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLoginAndOrder();
        expect(HttpMethod.GET, STATUSES).andRespond(json(statuses()));
        expect(HttpMethod.PATCH, ORDER)
                .andRespond(withStatus(HttpStatus.FORBIDDEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":{\"code\":\"\",\"message\":\"Invalid CSRF token\"}}"));

        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("Invalid CSRF token")
                .hasMessageContaining("configuration error");
        creatio.verify();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void throttlingAndServerErrorsAreTransient(int status) {
        CreatioClient client = client(properties(Map.of(), CreatioProperties.PolicyColumns.NONE));
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(withStatus(HttpStatus.valueOf(status)));

        assertThatThrownBy(() -> client.orderId("ORD9876"))
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("HTTP " + status);
        creatio.verify();
    }

    @Test
    void theColumnsAreCheckedAgainstMetadata() {
        CreatioClient client = client(properties(Map.of(), usrColumns()));
        expectLogin();
        expect(HttpMethod.GET, ODATA + "/$metadata")
                .andExpect(header(HttpHeaders.ACCEPT, MediaType.APPLICATION_XML_VALUE))
                .andRespond(withSuccess("""
                        <?xml version="1.0" encoding="utf-8"?>
                        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
                          <edmx:DataServices>
                            <Schema Namespace="Terrasoft.Configuration" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                              <EntityType Name="Order">
                                <Key><PropertyRef Name="Id"/></Key>
                                <Property Name="Id" Type="Edm.Guid" Nullable="false"/>
                                <Property Name="Number" Type="Edm.String"/>
                                <Property Name="StatusId" Type="Edm.Guid"/>
                                <Property Name="Comment" Type="Edm.String"/>
                                <Property Name="UsrPolicyNumber" Type="Edm.String"/>
                                <Property Name="UsrPolicyStatus" Type="Edm.String"/>
                                <NavigationProperty Name="Status" Type="Terrasoft.Configuration.OrderStatus"/>
                              </EntityType>
                              <EntityType Name="OrderStatus">
                                <Key><PropertyRef Name="Id"/></Key>
                                <Property Name="Id" Type="Edm.Guid" Nullable="false"/>
                                <Property Name="Name" Type="Edm.String"/>
                                <Property Name="UsrInsurer" Type="Edm.String"/>
                              </EntityType>
                            </Schema>
                          </edmx:DataServices>
                        </edmx:Edmx>
                        """, MediaType.APPLICATION_XML));

        assertThat(client.missingColumns())
                .containsExactly("Order.UsrInsurer", "Order.UsrPolicyStartDate", "Order.UsrPolicyEndDate");
        creatio.verify();
    }

    private static final String LOGIN_OK =
            "{\"Code\":0,\"Message\":\"\",\"Exception\":null,\"PasswordChangeUrl\":null,\"RedirectUrl\":null}";

    /** The login, then ORD9876 found by its number. */
    private void expectLoginAndOrder() {
        expectLogin();
        expect(HttpMethod.GET, FIND_ORD9876).andRespond(json(orderIds(ORDER_ID)));
    }

    /** Creatio's login: JSON credentials, Code 0, the session's cookies. */
    private void expectLogin() {
        creatio.expect(once(), requestTo(LOGIN))
                .andExpect(method(HttpMethod.POST))
                .andExpect(header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE))
                .andExpect(content().json("{\"UserName\":\"Supervisor\",\"UserPassword\":\"secret\"}", true))
                .andRespond(withSuccess(LOGIN_OK, MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.SET_COOKIE, ".ASPXAUTH=auth-1; path=/; HttpOnly")
                        .header(HttpHeaders.SET_COOKIE, "BPMCSRF=csrf-1; path=/")
                        .header(HttpHeaders.SET_COOKIE, "BPMLOADER=loader-1; path=/; HttpOnly")
                        .header(HttpHeaders.SET_COOKIE, "UserName=Supervisor; path=/"));
    }

    /** An OData call with the session's cookies and the headers Creatio's documentation lists. */
    private ResponseActions expect(HttpMethod method, String uri) {
        ResponseActions call = creatio.expect(once(), requestTo(uri))
                .andExpect(method(method))
                .andExpect(header("ForceUseSession", "true"))
                .andExpect(header("BPMCSRF", "csrf-1"))
                .andExpect(header(HttpHeaders.COOKIE, SESSION_COOKIES))
                .andExpect(header(
                        HttpHeaders.ACCEPT,
                        uri.endsWith("$metadata")
                                ? MediaType.APPLICATION_XML_VALUE
                                : MediaType.APPLICATION_JSON_VALUE));
        if (method == HttpMethod.GET) {
            call.andExpect(headerDoesNotExist(HttpHeaders.CONTENT_TYPE));
        }
        return call;
    }

    private static org.springframework.test.web.client.ResponseCreator json(String body) {
        return withSuccess(body, MediaType.parseMediaType("application/json; odata.metadata=minimal"));
    }

    private static String orderIds(String... ids) {
        StringBuilder rows = new StringBuilder();
        for (String id : ids) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("{\"Id\":\"")
                    .append(id)
                    .append("\"}");
        }
        return "{\"@odata.context\":\"" + ODATA + "/$metadata#Order(Id)\",\"value\":[" + rows + "]}";
    }

    private static String statuses() {
        return "{\"@odata.context\":\"" + ODATA + "/$metadata#OrderStatus(Id,Name)\",\"value\":["
                + "{\"Id\":\"" + SHIPPED_ID + "\",\"Name\":\"Shipped\"},"
                + "{\"Id\":\"" + COMPLETED_ID + "\",\"Name\":\"4. Completed\"},"
                + "{\"Id\":\"" + CANCELED_ID + "\",\"Name\":\"5. Canceled\"}]}";
    }

    private static OrderPolicy policy() {
        return new OrderPolicy("POL-1", "Acme Insurance", "ACTIVE", "2026-01-01", "2026-12-31");
    }

    private static CreatioProperties.PolicyColumns usrColumns() {
        return new CreatioProperties.PolicyColumns(
                "UsrPolicyNumber", "UsrInsurer", "UsrPolicyStatus", "UsrPolicyStartDate", "UsrPolicyEndDate");
    }

    private static CreatioProperties properties(Map<String, String> statusMap, CreatioProperties.PolicyColumns policy) {
        return TestCreatio.properties(URI.create(BASE), "secret", Duration.ofSeconds(10), "Number", statusMap, policy);
    }

    private CreatioClient client(CreatioProperties properties) {
        return new CreatioClient(builder, properties, ObservationRegistry.NOOP);
    }
}
