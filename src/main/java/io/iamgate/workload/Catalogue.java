package io.iamgate.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application namespace of {@code gen_workload.py} ({@code SERVICES}, {@code REGIONS}, {@code
 * ACCOUNTS}, {@code TEAMS}, the CIDR lists), in the script's order: the generator draws from these
 * lists by index, so their order is part of the workload.
 */
final class Catalogue {
  private Catalogue() {}

  /** A service: the resource type in its ARNs, the prefix of its ids, its action names. */
  record Service(String type, String idPrefix, List<String> actions) {}

  /** Service name to definition, in the script's order (orders, invoices, ..., inventory). */
  static final Map<String, Service> SERVICES = services();

  /** The service names, in order. */
  static final List<String> SERVICE_NAMES = List.copyOf(SERVICES.keySet());

  /** Every {@code service:Action} of the catalogue, 48 in all, in order. */
  static final List<String> ALL_ACTIONS = allActions();

  static final List<String> REGIONS =
      words("eu-west-1 eu-central-1 us-east-1 us-west-2 ap-south-1");
  static final List<String> ACCOUNTS = words("123456789012 210987654321");

  /** Ids are the service's prefix and five digits, {@code 00000} to {@code 00999}. */
  static final int IDS_PER_SERVICE = 1000;

  static final List<String> TEAMS =
      words("payments billing logistics support analytics platform sales finance");

  /** Allow-side CIDRs (corporate ranges, some nested). */
  static final List<String> ALLOW_CIDRS =
      words(
          "10.0.0.0/8 10.20.0.0/16 10.20.30.0/24 172.16.0.0/12 192.168.0.0/16 203.0.113.0/24"
              + " 198.51.100.0/24");

  /** Deny-side "must come from" ranges. */
  static final List<String> NOTIN_CIDRS = words("10.0.0.0/8 192.168.0.0/16 203.0.113.0/24");

  private static List<String> words(String spaceSeparated) {
    return List.of(spaceSeparated.split(" "));
  }

  private static Map<String, Service> services() {
    var m = new LinkedHashMap<String, Service>();
    m.put(
        "orders",
        new Service(
            "order",
            "ord-",
            words(
                "GetOrder GetOrderStatus ListOrders ListOrderItems CreateOrder UpdateOrder"
                    + " CancelOrder DeleteOrder")));
    m.put(
        "invoices",
        new Service(
            "invoice",
            "inv-",
            words(
                "GetInvoice ListInvoices CreateInvoice UpdateInvoice VoidInvoice PayInvoice"
                    + " DownloadInvoicePdf")));
    m.put(
        "customers",
        new Service(
            "customer",
            "cus-",
            words(
                "GetCustomer ListCustomers CreateCustomer UpdateCustomer DeleteCustomer"
                    + " ExportCustomers")));
    m.put(
        "shipments",
        new Service(
            "shipment",
            "shp-",
            words(
                "GetShipment ListShipments CreateShipment UpdateShipment CancelShipment"
                    + " TrackShipment")));
    m.put(
        "payments",
        new Service(
            "payment",
            "pay-",
            words("GetPayment ListPayments CreatePayment RefundPayment CapturePayment")));
    m.put(
        "reports",
        new Service(
            "report",
            "rep-",
            words("GetReport ListReports GenerateReport DeleteReport ScheduleReport")));
    m.put(
        "catalog",
        new Service(
            "product",
            "prd-",
            words(
                "GetProduct ListProducts CreateProduct UpdateProduct DeleteProduct"
                    + " PublishProduct")));
    m.put(
        "inventory",
        new Service(
            "item", "itm-", words("GetItem ListItems AdjustStock ReserveStock ReleaseStock")));
    return Collections.unmodifiableMap(m);
  }

  private static List<String> allActions() {
    var out = new ArrayList<String>();
    SERVICES.forEach((s, def) -> def.actions().forEach(a -> out.add(s + ":" + a)));
    return List.copyOf(out);
  }

  /** The definition of a catalogue service. */
  static Service definition(String name) {
    Service s = SERVICES.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown service " + name);
    }
    return s;
  }

  /** {@code verbs_of}: the distinct leading {@code [A-Z][a-z]+} words of a service's actions. */
  static List<String> verbsOf(String service) {
    var out = new ArrayList<String>();
    for (String a : definition(service).actions()) {
      int end = 1;
      while (end < a.length() && a.charAt(end) >= 'a' && a.charAt(end) <= 'z') {
        end++;
      }
      String verb = a.substring(0, end);
      if (!out.contains(verb)) {
        out.add(verb);
      }
    }
    return out;
  }
}
