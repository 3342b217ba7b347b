#!/usr/bin/env python3
"""Writes Aviso's shipped sample export: samples/csv/*.csv, samples/xml/*.xml, samples/config.json.

The export is designed for the run date 2026-12-04 (a Friday): every slot of RULES.md fires for
some charge, postal letters are sent and refused for each reason, and a few rows are bad on
purpose. Everything comes from one seeded random generator, so two runs write identical bytes.

The export also holds eight manual resend requests (resends.csv / resends.xml), one per outcome
that RULES.md "Manual resends" defines, for the same run date.

The script also holds a small reference evaluation of RULES.md for that date. It checks that
every designed charge and resend request does exactly what it was designed to do, that the
filler charges do nothing, and prints the expected counts (the same counts are quoted in
samples/README.md).

Usage: python3 samples/make_samples.py          (writes the files, prints the expected counts)
Python 3 standard library only.
"""

import datetime as dt
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_DATE = dt.date(2026, 12, 4)
SEED = 20261204
rng = random.Random(SEED)


def day(iso):
    return dt.date.fromisoformat(iso)


# ---------------------------------------------------------------- calendar (RULES.md "Calendar")

def easter(year):
    # Anonymous Gregorian computus.
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, dom = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, dom + 1)


_holidays = {}


def holidays(year):
    if year not in _holidays:
        e = easter(year)
        fixed = [(1, 1), (4, 21), (5, 1), (9, 7), (10, 12), (11, 2), (11, 15), (12, 25)]
        if year >= 2024:
            fixed.append((11, 20))
        days = {dt.date(year, m, d) for m, d in fixed}
        days |= {e - dt.timedelta(48), e - dt.timedelta(47), e - dt.timedelta(2), e + dt.timedelta(60)}
        _holidays[year] = days
    return _holidays[year]


def is_bd(d):
    return d.weekday() < 5 and d not in holidays(d.year)


def next_bd(d):
    while not is_bd(d):
        d += dt.timedelta(1)
    return d


def prev_bd(d):
    while not is_bd(d):
        d -= dt.timedelta(1)
    return d


def add_bd(d, n):
    """The n-th business day after d."""
    while n > 0:
        d += dt.timedelta(1)
        if is_bd(d):
            n -= 1
    return d


def plus(d, n):
    return d + dt.timedelta(n)


# ---------------------------------------------------------------- value formats (FORMATS.md)

def fmt_date(d, style="iso"):
    if style == "br":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "time":
        return "%s %02d:%02d:%02d" % (d.isoformat(), rng.randrange(7, 22), rng.randrange(60), rng.randrange(60))
    if style == "T":
        return "%sT%02d:%02d:00-03:00" % (d.isoformat(), rng.randrange(7, 22), rng.randrange(60))
    return d.isoformat()


def fmt_money(cents, style="dot"):
    reais, cts = divmod(cents, 100)
    if style == "int" and cts == 0:
        return str(reais)
    if style == "br":
        digits = str(reais)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        return "%s,%02d" % (".".join(groups), cts)
    if style == "comma":
        return "%d,%02d" % (reais, cts)
    return "%d.%02d" % (reais, cts)


def any_date_style():
    return rng.choices(["iso", "br"], [4, 1])[0]


def any_money_style():
    return rng.choices(["dot", "br", "comma", "int"], [5, 3, 1, 1])[0]


def strip_accents(text):
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def cpf():
    base = [rng.randrange(10) for _ in range(9)]
    for length in (9, 10):
        total = sum(v * (length + 1 - i) for i, v in enumerate(base[:length]))
        base.append(total * 10 % 11 % 10)
    s = "".join(map(str, base))
    if rng.random() < 0.5:
        return "%s.%s.%s-%s" % (s[:3], s[3:6], s[6:9], s[9:])
    return s


def cnpj():
    base = [rng.randrange(10) for _ in range(8)] + [0, 0, 0, 1]
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        r = sum(v * w for v, w in zip(base, weights)) % 11
        base.append(0 if r < 2 else 11 - r)
    s = "".join(map(str, base))
    return "%s.%s.%s/%s-%s" % (s[:2], s[2:5], s[5:8], s[8:12], s[12:])


def mod10(field):
    total, weight = 0, 2
    for ch in reversed(field):
        p = int(ch) * weight
        total += p // 10 + p % 10
        weight = 3 - weight
    return str((10 - total % 10) % 10)


def mod11(body):
    total, weight = 0, 2
    for ch in reversed(body):
        total += int(ch) * weight
        weight = 2 if weight == 9 else weight + 1
    dv = 11 - total % 11
    return "1" if dv in (0, 10, 11) else str(dv)


def linha_digitavel(bank, cents, due):
    """A plausible 47-digit linha digitável (FEBRABAN layout, due-date factor restarted 2025-02-22)."""
    free = digits(25)
    factor = "%04d" % ((due - dt.date(2025, 2, 22)).days + 1000)
    value = "%010d" % cents
    dv = mod11(bank + "9" + factor + value + free)
    f1 = bank + "9" + free[:5]
    f2 = free[5:15]
    f3 = free[15:]
    return f1 + mod10(f1) + f2 + mod10(f2) + f3 + mod10(f3) + dv + factor + value


# ---------------------------------------------------------------- places and people

# (state, city, DDD, [(street, neighbourhood, CEP)]) — real streets, CEPs inside the state's range.
PLACES = {
    "SP": ("São Paulo", 11, [("Avenida Paulista", "Bela Vista", "01310-100"),
                             ("Rua Augusta", "Consolação", "01305-000"),
                             ("Rua dos Pinheiros", "Pinheiros", "05422-001"),
                             ("Rua Voluntários da Pátria", "Santana", "02011-000")]),
    "SP2": ("Campinas", 19, [("Rua Barão de Jaguara", "Centro", "13015-002")]),
    "RJ": ("Rio de Janeiro", 21, [("Avenida Nossa Senhora de Copacabana", "Copacabana", "22020-001"),
                                  ("Rua Visconde de Pirajá", "Ipanema", "22410-002"),
                                  ("Rua São Clemente", "Botafogo", "22260-001"),
                                  ("Rua Conde de Bonfim", "Tijuca", "20520-053")]),
    "RJ2": ("Niterói", 21, [("Rua Moreira César", "Icaraí", "24230-052")]),
    "MG": ("Belo Horizonte", 31, [("Avenida Afonso Pena", "Centro", "30130-001"),
                                  ("Rua Pernambuco", "Savassi", "30130-151"),
                                  ("Rua Grão Pará", "Funcionários", "30150-340")]),
    "PR": ("Curitiba", 41, [("Rua XV de Novembro", "Centro", "80020-310"),
                            ("Avenida do Batel", "Batel", "80420-090")]),
    "BA": ("Salvador", 71, [("Avenida Sete de Setembro", "Vitória", "40080-001"),
                            ("Rua Alceu Amoroso Lima", "Caminho das Árvores", "41820-770")]),
    "RS": ("Porto Alegre", 51, [("Rua dos Andradas", "Centro Histórico", "90020-007")]),
    "RS2": ("Santa Maria", 55, [("Rua do Acampamento", "Centro", "97050-001")]),
    "AM": ("Manaus", 92, [("Avenida Eduardo Ribeiro", "Centro", "69010-001"),
                          ("Avenida Djalma Batista", "Chapada", "69050-010")]),
    "PE": ("Recife", 81, [("Avenida Boa Viagem", "Boa Viagem", "51020-000")]),
    "DF": ("Brasília", 61, [("SQS 308 Bloco C", "Asa Sul", "70355-030")]),
    "SC": ("Florianópolis", 48, [("Rua Felipe Schmidt", "Centro", "88010-001")]),
    "CE": ("Fortaleza", 85, [("Avenida Beira Mar", "Meireles", "60165-121")]),
    "GO": ("Goiânia", 62, [("Avenida Goiás", "Setor Central", "74005-010")]),
    "ES": ("Vitória", 27, [("Avenida Jerônimo Monteiro", "Centro", "29010-002")]),
}

FIRST = ["João", "José", "Maria", "Ana", "Antônio", "Francisca", "Luíza", "Márcio", "Cláudia", "Sérgio",
         "Fábio", "Patrícia", "Letícia", "Tânia", "Vinícius", "Lúcia", "Mônica", "André", "Júlia", "Caio",
         "Conceição", "Raimundo", "Sebastião", "Benedita", "Inês", "Ângela", "Débora", "Érica", "Otávio",
         "Thaís", "Valéria", "Rogério", "Heloísa", "Iúri", "Gonçalo", "Aurélio", "Cecília", "Joaquim"]
LAST = ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima", "Carvalho", "Ferreira", "Rodrigues",
        "Almeida", "Gonçalves", "Araújo", "Ribeiro", "Fernandes", "Conceição", "Magalhães", "Brandão",
        "Falcão", "Assunção", "Peçanha", "Simões", "Guimarães", "Loureiro", "Damásio", "Nóbrega"]
MAIL_DOMAINS = ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "yahoo.com.br", "outlook.com",
                "terra.com.br", "ig.com.br"]


def mobile_number(ddd):
    n = "9" + str(rng.randrange(6, 10)) + digits(7)
    style = rng.randrange(7)
    if style == 0:
        return "(%d) %s-%s" % (ddd, n[:5], n[5:])
    if style == 1:
        return "+55 %d %s-%s" % (ddd, n[:5], n[5:])
    if style == 2:
        return "0%d%s" % (ddd, n)
    if style == 3:
        return "%d%s" % (ddd, n)
    if style == 4:
        return "+55%d%s" % (ddd, n)
    if style == 5:
        return "%d %s.%s" % (ddd, n[:5], n[5:])
    return "55%d%s" % (ddd, n)


def landline_number(ddd):
    n = str(rng.randrange(2, 6)) + digits(7)
    return "(%d) %s-%s" % (ddd, n[:4], n[4:])


# ---------------------------------------------------------------- accounts

ACCOUNT_FIELDS = ["id", "name", "email", "mobilePhone", "phone"]
ACCOUNTS = [
    # The gym's mobile lacks a digit (10 digits): its "para mim" SMS (enabled by its PAYMENT_OVERDUE
    # offset-5 settings row) is rejected NO_VALID_MOBILE.
    {"id": "acc_forcaviva", "name": "Academia Força Viva Ltda", "email": "financeiro@forcaviva.com.br",
     "mobilePhone": "(11) 9876-5432", "phone": "(11) 3061-2200"},
    {"id": "acc_pequenoprincipe", "name": "Escola Pequeno Príncipe", "email": "secretaria@pequenoprincipe.edu.br",
     "mobilePhone": "(21) 99812-4470", "phone": "(21) 2539-1100"},
    {"id": "acc_saolucas", "name": "Clínica Bem-Estar São Lucas", "email": "cobranca@clinicasaolucas.com.br",
     "mobilePhone": "+55 31 98841-2290", "phone": ""},
    {"id": "acc_codigoaberto", "name": "Código Aberto Software Ltda", "email": "contas@codigoaberto.dev.br",
     "mobilePhone": "41991234567", "phone": "(41) 3322-8080"},
    {"id": "acc_amigofiel", "name": "Pet Shop Amigo Fiel", "email": "atendimento@amigofiel.com.br",
     "mobilePhone": "(71) 98123-0099", "phone": ""},
]
GYM, SCHOOL, CLINIC, SOFT, PET = (a["id"] for a in ACCOUNTS)

# ---------------------------------------------------------------- customers

CUSTOMER_FIELDS = ["id", "account", "name", "cpfCnpj", "email", "additionalEmails", "phone", "mobilePhone",
                   "address", "addressNumber", "complement", "province", "postalCode", "cityName", "state",
                   "notificationDisabled", "postalService", "deleted"]
CUSTOMERS = []
BY_HANDLE = {}
GENERIC = {}  # account -> list of customer handles with ordinary data
_used_ids = set()


def new_id(prefix):
    while True:
        value = prefix + digits(12)
        if value not in _used_ids:
            _used_ids.add(value)
            return value


def person_name():
    return "%s %s %s" % (rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST))


def email_for(name):
    parts = strip_accents(name).lower().split()
    local = rng.choice(["%s.%s" % (parts[0], parts[-1]), "%s%s" % (parts[0], parts[-1]),
                        "%s.%s%d" % (parts[0], parts[1], rng.randrange(10, 99))])
    return "%s@%s" % (local, rng.choice(MAIL_DOMAINS))


def customer(handle, account, place, company=False, **over):
    """One customer with complete, valid data unless `over` says otherwise."""
    city, ddd, streets = PLACES[place]
    state = place[:2]
    street, province, cep = rng.choice(streets)
    name = over.pop("name", None) or person_name()
    row = {
        "id": new_id("cus_"), "account": account, "name": name,
        "cpfCnpj": cnpj() if company else cpf(),
        "email": email_for(name), "additionalEmails": "",
        "phone": landline_number(ddd) if rng.random() < 0.3 else "",
        "mobilePhone": mobile_number(ddd),
        "address": street, "addressNumber": str(rng.randrange(10, 3000)),
        "complement": rng.choice(["", "", "", "Apto %d" % rng.randrange(11, 1804), "Casa 2", "Sala %d" % rng.randrange(101, 1210)]),
        "province": province, "postalCode": cep if rng.random() < 0.7 else cep.replace("-", ""),
        "cityName": city, "state": state,
        "notificationDisabled": rng.choice(["", "", "false", "não", "0"]),
        "postalService": rng.choice(["", "", "false"]), "deleted": rng.choice(["", "", "false"]),
    }
    row.update(over)
    CUSTOMERS.append(row)
    BY_HANDLE[handle] = row
    return row


# Special customers: each named by a handle that says what it is for.
# Gym (SP).
customer("g_postal_sp", GYM, "SP", postalService="true")                      # letter, SP = 3 business days
customer("g_multiline", GYM, "SP", complement="Bloco B\nApto 12")             # line break inside a quoted CSV field
customer("g_email_space", GYM, "SP", email="carlos andrade@uol.com.br", name="Carlos Andrade Simões")  # invalid email: space
customer("g_landline_in_mobile", GYM, "SP", mobilePhone="(11) 3456-7890", phone="")  # landline in the mobile field
# School (RJ): account default rows switch WhatsApp on for WARNING_DUE and OVERDUE_FIRST.
customer("e_voice", SCHOOL, "RJ", mobilePhone="(21) 98765-4321", phone="(21) 2547-3300")  # customer row: voice on OVERDUE_FIRST (replaces the account's WhatsApp row)
customer("e_pai_mae", SCHOOL, "RJ", email="rodrigo.pecanha@gmail.com",
         additionalEmails="fernanda.pecanha@hotmail.com;avo.lucia@uol.com.br", name="Rodrigo Peçanha Loureiro")  # additionalEmails with ';'
customer("e_notif_disabled", SCHOOL, "RJ2", notificationDisabled="sim")       # no customer messages; account ones still go
customer("e_postal_rj", SCHOOL, "RJ", postalService="true")                  # letter due 12-27: not today
customer("e_wrong_cep", SCHOOL, "RJ", postalService="true", postalCode="01310-100")  # RJ address with a SP CEP: POSTAL_INVALID_CEP
# Clinic (MG).
customer("c_landline_only", CLINIC, "MG", mobilePhone="", phone="(31) 3222-4455")  # customer row: voice on OVERDUE_FIRST -> landline
customer("c_postal_mg", CLINIC, "MG", postalService="true")                   # letters, default 7 business days
customer("c_incomplete", CLINIC, "MG", postalService="true", addressNumber="")  # POSTAL_ADDRESS_INCOMPLETE
customer("c_postal_disabled", CLINIC, "MG", postalService="sim", notificationDisabled="true")  # gets its letter, no digital messages
customer("c_invalid_ddd", CLINIC, "MG", mobilePhone="(20) 98765-4321")        # DDD 20 does not exist
# Software shop (PR, customers all over Brazil, companies).
customer("sw_wb_off", SOFT, "PR", company=True, name="Oficina Mecânica Irmãos Nóbrega Ltda")  # customer row: WARNING_BEFORE off
customer("sw_postal_am", SOFT, "AM", company=True, postalService="true", name="Distribuidora Amazonas Peças Ltda")  # AM = 12 business days
customer("sw_postal_pr", SOFT, "PR", company=True, postalService="1", name="Gráfica Araucária ME")
customer("sw_quote_name", SOFT, "SP2", company=True, name='Padaria "Pão Quente" Ltda',
         email="contato@paoquente.com.br",
         additionalEmails="financeiro@paoquente.com.br, compras@paoquente.com.br")  # doubled quote + ',' list
customer("sw_charge_postal", SOFT, "SC", company=True, name="Farmácia Ilha da Magia Ltda")  # a charge with its own postalService
customer("sw_dup_emails", SOFT, "DF", company=True, name="Consultoria Planalto Ltda", email="adm@planaltoconsult.com.br",
         additionalEmails=" adm@planaltoconsult.com.br ; ;diretoria@planaltoconsult.com.br;")  # duplicate + empty pieces
customer("sw_bad_email_only", SOFT, "CE", company=True, name="Rafael Moura Eventos", email="rafael.moura@gmail")  # no dot: NO_VALID_EMAIL
customer("sw_bad_email_extra", SOFT, "GO", company=True, name="Construtora Cerrado Ltda",
         email="financeiro@@cerrado.com.br", additionalEmails="pagamentos@construtoracerrado.com.br")  # bad main, good extra
# Pet shop (BA).
customer("p_deleted", PET, "BA", deleted="true")                             # deleted: its charges are left out
customer("p_ddd55", PET, "RS2", mobilePhone="55 99123-4567")                  # 11 digits starting 55 = DDD 55, not +55
customer("p_no_email", PET, "BA", email="")                                   # no email at all: NO_VALID_EMAIL
customer("p_short_mobile", PET, "BA", mobilePhone="9876-5432")                # too short: NO_VALID_MOBILE

# Ordinary customers, so that every account has a realistic book.
for account, count, places in [(GYM, 8, ["SP", "SP", "SP", "SP2"]), (SCHOOL, 8, ["RJ", "RJ", "RJ2"]),
                               (CLINIC, 7, ["MG", "MG", "ES"]), (SOFT, 5, ["SP", "RS", "PE", "BA", "PR"]),
                               (PET, 6, ["BA", "BA", "PE"])]:
    GENERIC[account] = []
    for i in range(count):
        handle = "%s_%d" % (account, i)
        customer(handle, account, rng.choice(places), company=(account == SOFT))
        GENERIC[account].append(handle)

# The rows go out in a shuffled but fixed order.
rng.shuffle(CUSTOMERS)

# ---------------------------------------------------------------- notification settings

SETTING_FIELDS = ["event", "scheduleOffset", "customer", "account", "enabled", "emailEnabledForProvider",
                  "smsEnabledForProvider", "emailEnabledForCustomer", "smsEnabledForCustomer",
                  "phoneCallEnabledForCustomer", "whatsappEnabledForCustomer"]


def setting(event, offset, account, customer_handle=None, enabled="true", pe=False, ps=False, ce=False,
            cs=False, cv=False, cw=False):
    b = lambda v: "true" if v else "false"
    return {"event": event, "scheduleOffset": str(offset),
            "customer": BY_HANDLE[customer_handle]["id"] if customer_handle else "", "account": account,
            "enabled": enabled, "emailEnabledForProvider": b(pe), "smsEnabledForProvider": b(ps),
            "emailEnabledForCustomer": b(ce), "smsEnabledForCustomer": b(cs),
            "phoneCallEnabledForCustomer": b(cv), "whatsappEnabledForCustomer": b(cw)}


SETTINGS = [
    # School default: WhatsApp on the due date (a row replaces the slot whole, so email/SMS stay on).
    setting("PAYMENT_DUEDATE_WARNING", 0, SCHOOL, ce=True, cs=True, cw=True),
    # School default: WhatsApp on the first overdue notice, account email kept.
    setting("PAYMENT_OVERDUE", 0, SCHOOL, pe=True, ce=True, cs=True, cw=True),
    # Gym default: OVERDUE_REPEAT every 5 days; also SMS to the gym itself (its mobile is bad).
    setting("PAYMENT_OVERDUE", 5, GYM, ps=True, ce=True, cs=True),
    # One school customer: voice call on OVERDUE_FIRST; beats the school's WhatsApp row.
    setting("PAYMENT_OVERDUE", 0, SCHOOL, "e_voice", pe=True, ce=True, cs=True, cv=True),
    # One clinic customer without a mobile: voice call goes to the landline.
    setting("PAYMENT_OVERDUE", 0, CLINIC, "c_landline_only", pe=True, ce=True, cs=True, cv=True),
    # One software customer does not want the 10-days-before reminder.
    setting("PAYMENT_DUEDATE_WARNING", 10, SOFT, "sw_wb_off", enabled="false", ce=True, cs=True),
]

# ---------------------------------------------------------------- charges

CHARGE_FIELDS = ["object", "id", "customer", "billingType", "status", "value", "dueDate", "dateCreated",
                 "originalDueDate", "paymentDate", "clientPaymentDate", "deleted", "subscription",
                 "description", "nossoNumero", "identificationField", "invoiceUrl", "bankSlipUrl",
                 "lastBankSlipViewedDate", "postalService"]
CHARGES = []
BANKS = ["001", "237", "341", "104", "033", "260"]
PRICES = {
    GYM: [8990, 12990, 19900, 4990],
    SCHOOL: [85000, 125000, 248000, 480000, 39000],
    CLINIC: [18000, 35000, 4990, 62000, 120000],
    SOFT: [29900, 149000, 320000, 89000, 470000],
    PET: [6990, 12000, 21050, 9500],
}
DESCRIPTIONS = {
    GYM: ["Mensalidade academia - plano mensal", "Plano trimestral musculação", "Avaliação física",
          'Plano "Família"; 3 dependentes'],
    SCHOOL: ["Mensalidade escolar", "Material didático 2027", "Matrícula 2027", "Passeio pedagógico"],
    CLINIC: ["Consulta dermatológica", "Sessão de fisioterapia", "Exames laboratoriais", "Pacote nutrição & bem-estar"],
    SOFT: ["Licença anual ERP Código Aberto", "Suporte técnico mensal", "Implantação módulo fiscal", "Hospedagem em nuvem"],
    PET: ["Banho & tosa - pacote mensal", "Consulta veterinária", "Ração premium 15 kg", "Hotelzinho fim de semana"],
}
_generic_turn = {}


def pick(account):
    """The next ordinary customer of an account, round robin."""
    i = _generic_turn.get(account, 0)
    _generic_turn[account] = i + 1
    handles = GENERIC[account]
    return handles[i % len(handles)]


def charge(handle, billing, status, due, created, expect=(), note="", value=None, paid=None, client_paid=None,
           boleto_line=None, viewed=None, subscription="", deleted="", postal="", original_due=None,
           raw=None, charge_id=None, append=True):
    """One charge. `expect` is what it must produce in the run for RUN_DATE (checked below)."""
    cust = BY_HANDLE[handle]
    account = cust["account"]
    cents = value if value is not None else rng.choice(PRICES[account])
    if boleto_line is None:
        boleto_line = billing in ("BOLETO", "UNDEFINED")
    cid = charge_id or new_id("pay_")
    ds = any_date_style()
    row = {
        "object": "payment", "id": cid, "customer": cust["id"], "billingType": billing, "status": status,
        "value": fmt_money(cents, any_money_style()), "dueDate": fmt_date(due, ds),
        "dateCreated": fmt_date(created, rng.choice(["iso", "iso", "time", ds])),
        "originalDueDate": fmt_date(original_due, ds) if original_due else "",
        "paymentDate": fmt_date(paid, ds) if paid else "",
        "clientPaymentDate": fmt_date(client_paid, ds) if client_paid else "",
        "deleted": deleted or rng.choice(["", "false", "false"]),
        "subscription": subscription, "description": rng.choice(DESCRIPTIONS[account]),
        "nossoNumero": digits(8) if boleto_line else "",
        "identificationField": linha_digitavel(rng.choice(BANKS), cents, due) if boleto_line else "",
        "invoiceUrl": "https://pagar.exemplo.com.br/i/%s" % cid[4:],
        "bankSlipUrl": "https://pagar.exemplo.com.br/b/pdf/%s" % cid[4:] if boleto_line else "",
        "lastBankSlipViewedDate": fmt_date(viewed, "T") if viewed else "",
        "postalService": postal,
    }
    row.update(raw or {})
    row["_expect"] = frozenset(expect)
    row["_note"] = note
    if append:
        CHARGES.append(row)
    return row


D = RUN_DATE
d1203 = day("2026-12-03")

# CREATED: open, no subscription, created Thu 12-03 -> S = nextBD(12-04) = 12-04.
charge(pick(GYM), "PIX", "PENDING", day("2026-12-10"), d1203, {"CREATED"}, "created 12-03")
charge(pick(SCHOOL), "BOLETO", "PENDING", day("2027-01-11"), d1203, {"CREATED"}, "created 12-03, due Jan")
charge(pick(CLINIC), "CREDIT_CARD", "PENDING", day("2026-12-17"), d1203, {"CREATED"}, "created 12-03")
charge("sw_quote_name", "BOLETO", "PENDING", day("2026-12-18"), d1203, {"CREATED"}, "created 12-03, ',' email list")
charge(pick(PET), "UNDEFINED", "PENDING", day("2026-12-22"), d1203, {"CREATED"}, "created 12-03")
charge("p_ddd55", "PIX", "PENDING", day("2026-12-11"), d1203, {"CREATED"}, "created 12-03, DDD 55 mobile")
charge("sw_bad_email_only", "BOLETO", "PENDING", day("2027-01-05"), d1203, {"CREATED"}, "created 12-03, NO_VALID_EMAIL")
charge(pick(SOFT), "PIX", "PENDING", day("2026-12-04"), d1203, {"CREATED", "WARNING_DUE"},
       "created 12-03 due 12-04: CREATED and WARNING_DUE")
# Not CREATED today.
charge(pick(GYM), "BOLETO", "PENDING", day("2026-12-21"), d1203, set(), "created 12-03 by a subscription: no CREATED",
       subscription="sub_" + digits(12))
charge(pick(CLINIC), "PIX", "PENDING", day("2026-12-11"), day("2026-12-02"), set(), "created 12-02: CREATED went 12-03")
charge(pick(PET), "PIX", "PENDING", day("2026-12-23"), day("2026-11-28"), set(), "created Sat 11-28: CREATED went Mon 11-30")
charge(pick(SCHOOL), "PIX", "PENDING", D, D, {"LEFT_OUT"}, "created 12-04 (>= D): left out of the run")

# WARNING_BEFORE (N = 10): prevBD(due - 10) = 12-04.
charge(pick(GYM), "BOLETO", "PENDING", day("2026-12-14"), day("2026-11-14"), {"WARNING_BEFORE"}, "due 12-14")
charge(pick(SCHOOL), "BOLETO", "PENDING", day("2026-12-14"), day("2026-11-10"), {"WARNING_BEFORE"}, "due 12-14")
charge("e_pai_mae", "PIX", "PENDING", day("2026-12-14"), day("2026-11-16"), {"WARNING_BEFORE"}, "due 12-14, ';' email list")
charge(pick(CLINIC), "CREDIT_CARD", "PENDING", day("2026-12-15"), day("2026-11-20"), {"WARNING_BEFORE"},
       "due Tue 12-15: 12-05 is Saturday, pulled forward")
charge("c_invalid_ddd", "BOLETO", "PENDING", day("2026-12-15"), day("2026-11-18"), {"WARNING_BEFORE"},
       "due 12-15, bad DDD: SMS NO_VALID_MOBILE")
charge(pick(SOFT), "BOLETO", "PENDING", day("2026-12-16"), day("2026-11-25"), {"WARNING_BEFORE"},
       "due Wed 12-16: 12-06 is Sunday, pulled forward")
charge("g_email_space", "PIX", "PENDING", day("2026-12-16"), day("2026-11-26"), {"WARNING_BEFORE"},
       "due 12-16, bad email: NO_VALID_EMAIL")
charge("sw_wb_off", "BOLETO", "PENDING", day("2026-12-14"), day("2026-11-13"), set(),
       "due 12-14 but the customer turned WARNING_BEFORE off")
charge(pick(PET), "PIX", "PENDING", day("2026-12-17"), day("2026-11-27"), set(), "due 12-17: WARNING_BEFORE is Mon 12-07")

# WARNING_DUE (+ LINHA_DIGITAVEL for unviewed boletos): prevBD(due) = 12-04 for due 12-04/05/06.
WD_LD = {"WARNING_DUE", "LINHA_DIGITAVEL"}
charge(pick(GYM), "BOLETO", "PENDING", D, day("2026-11-04"), WD_LD, "due Fri 12-04, boleto not viewed")
charge(pick(SCHOOL), "BOLETO", "PENDING", D, day("2026-11-05"), WD_LD, "due 12-04, boleto, WhatsApp account")
charge("e_voice", "BOLETO", "PENDING", D, day("2026-11-05"), WD_LD, "due 12-04, WhatsApp account",
       original_due=day("2026-11-30"))
charge(pick(CLINIC), "BOLETO", "PENDING", D, day("2026-11-09"), {"WARNING_DUE"}, "due 12-04, boleto already viewed",
       viewed=day("2026-12-01"))
charge(pick(SOFT), "PIX", "PENDING", D, day("2026-11-20"), {"WARNING_DUE"}, "due 12-04, Pix")
charge(pick(PET), "CREDIT_CARD", "PENDING", D, day("2026-11-21"), {"WARNING_DUE"}, "due 12-04, card")
charge("p_short_mobile", "BOLETO", "PENDING", D, day("2026-11-23"), {"WARNING_DUE"},
       "due 12-04, boleto without linha digitável yet: no LINHA_DIGITAVEL", boleto_line=False)
charge(pick(GYM), "BOLETO", "PENDING", day("2026-12-05"), day("2026-11-05"), WD_LD, "due Sat 12-05: pulled forward")
charge(pick(SCHOOL), "UNDEFINED", "PENDING", day("2026-12-05"), day("2026-11-06"), WD_LD,
       "due Sat 12-05, UNDEFINED with a boleto line")
charge("sw_dup_emails", "PIX", "PENDING", day("2026-12-05"), day("2026-11-19"), {"WARNING_DUE"},
       "due Sat 12-05, Pix, duplicate additional emails")
charge(pick(CLINIC), "BOLETO", "PENDING", day("2026-12-06"), day("2026-11-06"), WD_LD, "due Sun 12-06: pulled forward")
charge(pick(PET), "BOLETO", "PENDING", day("2026-12-06"), day("2026-11-07"), {"WARNING_DUE"},
       "due Sun 12-06, boleto viewed", viewed=day("2026-12-03"))
charge("g_landline_in_mobile", "BOLETO", "PENDING", day("2026-12-06"), day("2026-11-07"), WD_LD,
       "due 12-06, landline in the mobile field: SMS NO_VALID_MOBILE")
charge("p_no_email", "PIX", "PENDING", D, day("2026-11-30"), {"WARNING_DUE"}, "due 12-04, customer without email")
# Not today.
charge(pick(GYM), "BOLETO", "PENDING", day("2026-12-07"), day("2026-11-07"), set(), "due Mon 12-07: WARNING_DUE on 12-07")
charge(pick(SCHOOL), "BOLETO", "PENDING", D, day("2026-11-04"), set(), "due 12-04 but deleted", deleted="true")
charge("p_deleted", "BOLETO", "PENDING", D, day("2026-11-04"), {"LEFT_OUT"}, "due 12-04, deleted customer")

# OVERDUE_FIRST: due Thu 12-03 -> effDue 12-03 -> S = nextBD(12-04) = 12-04.
charge(pick(GYM), "BOLETO", "PENDING", d1203, day("2026-11-03"), {"OVERDUE_FIRST"}, "due 12-03, still PENDING in the export")
charge(pick(SCHOOL), "BOLETO", "OVERDUE", d1203, day("2026-11-03"), {"OVERDUE_FIRST"}, "due 12-03, WhatsApp account")
charge("e_voice", "PIX", "PENDING", d1203, day("2026-11-03"), {"OVERDUE_FIRST"}, "due 12-03, voice to the mobile")
charge("e_notif_disabled", "BOLETO", "OVERDUE", d1203, day("2026-11-03"), {"OVERDUE_FIRST"},
       "due 12-03, notificationDisabled: account email only")
charge("c_landline_only", "BOLETO", "PENDING", d1203, day("2026-11-10"), {"OVERDUE_FIRST"},
       "due 12-03, voice to the landline, SMS NO_VALID_MOBILE")
charge(pick(SOFT), "CREDIT_CARD", "OVERDUE", d1203, day("2026-11-12"), {"OVERDUE_FIRST"}, "due 12-03, card")
charge("sw_bad_email_extra", "BOLETO", "PENDING", d1203, day("2026-11-12"), {"OVERDUE_FIRST"},
       "due 12-03, bad main email, good additional one")
charge("p_deleted", "PIX", "OVERDUE", d1203, day("2026-11-04"), {"LEFT_OUT"}, "due 12-03, deleted customer")
charge(pick(PET), "PIX", "OVERDUE", day("2026-12-02"), day("2026-11-02"), set(), "due 12-02: OVERDUE_FIRST went 12-03")

# OVERDUE_REPEAT, N = 7 (built-in): effDue + 1 + 7k = 12-04, effDue = 12-03 - 7k (Thursdays).
charge(pick(SCHOOL), "BOLETO", "OVERDUE", day("2026-11-26"), day("2026-10-26"), {"OVERDUE_REPEAT"}, "due 11-26 (k=1)")
charge(pick(CLINIC), "PIX", "OVERDUE", day("2026-11-26"), day("2026-10-27"), {"OVERDUE_REPEAT"}, "due 11-26 (k=1)")
charge("sw_postal_pr", "PIX", "OVERDUE", day("2026-11-26"), day("2026-10-27"), {"OVERDUE_REPEAT"}, "due 11-26 (k=1)")
charge(pick(PET), "BOLETO", "OVERDUE", day("2026-11-19"), day("2026-10-20"), {"OVERDUE_REPEAT"},
       "due 11-19 (k=2; 11-20 is a holiday, k=1 went 11-27)")
charge(pick(SOFT), "BOLETO", "OVERDUE", day("2026-11-19"), day("2026-10-19"), {"OVERDUE_REPEAT"}, "due 11-19 (k=2)")
charge(pick(CLINIC), "CREDIT_CARD", "OVERDUE", day("2026-11-12"), day("2026-10-12"), {"OVERDUE_REPEAT"}, "due 11-12 (k=3)")
charge(pick(SCHOOL), "BOLETO", "OVERDUE", day("2026-11-05"), day("2026-10-06"), {"OVERDUE_REPEAT"}, "due 11-05 (k=4)")
charge(pick(PET), "UNDEFINED", "PENDING", day("2026-10-01"), day("2026-09-01"), {"OVERDUE_REPEAT"}, "due 10-01 (k=9)")
charge(pick(SOFT), "BOLETO", "OVERDUE", day("2026-09-24"), day("2026-08-24"), {"OVERDUE_REPEAT"}, "due 09-24 (k=10, the last)")
charge(pick(SCHOOL), "BOLETO", "OVERDUE", day("2026-09-17"), day("2026-08-17"), set(), "due 09-17: k=11 > maxOverdueRepeats")
charge(pick(CLINIC), "BOLETO", "OVERDUE", day("2026-11-20"), day("2026-10-20"), set(),
       "due on the 11-20 holiday: effDue 11-23, repeats 12-01/12-08")
# OVERDUE_REPEAT, N = 5 (gym's account row): effDue + 1 + 5k = 12-04.
charge(pick(GYM), "BOLETO", "OVERDUE", day("2026-11-20"), day("2026-10-20"), {"OVERDUE_REPEAT"},
       "gym N=5: due on the 11-20 holiday, effDue 11-23 (k=2)")
charge(pick(GYM), "PIX", "OVERDUE", day("2026-11-22"), day("2026-10-22"), {"OVERDUE_REPEAT"},
       "gym N=5: due Sun 11-22, effDue 11-23 (k=2)")
charge("g_multiline", "BOLETO", "OVERDUE", day("2026-11-18"), day("2026-10-18"), {"OVERDUE_REPEAT"}, "gym N=5: due 11-18 (k=3)")
charge(pick(GYM), "CREDIT_CARD", "OVERDUE", day("2026-11-13"), day("2026-10-13"), {"OVERDUE_REPEAT"}, "gym N=5: due 11-13 (k=4)")
charge(pick(GYM), "BOLETO", "PENDING", day("2026-10-14"), day("2026-09-14"), {"OVERDUE_REPEAT"}, "gym N=5: due 10-14 (k=10)")
charge(pick(GYM), "BOLETO", "OVERDUE", day("2026-11-26"), day("2026-10-26"), set(),
       "gym N=5: due 11-26 would repeat today with N=7, not with 5")

# RECEIVED: pay date 12-03 -> S = nextBD(12-04) = 12-04.
charge(pick(GYM), "PIX", "RECEIVED", day("2026-12-05"), day("2026-11-05"), {"RECEIVED"}, "paid 12-03", paid=d1203)
charge(pick(SCHOOL), "BOLETO", "RECEIVED", D, day("2026-11-04"), {"RECEIVED"}, "paid 12-03", paid=d1203, client_paid=d1203)
charge(pick(CLINIC), "CREDIT_CARD", "CONFIRMED", day("2026-12-10"), day("2026-11-10"), {"RECEIVED"}, "paid 12-03",
       paid=d1203)
charge(pick(PET), "UNDEFINED", "RECEIVED_IN_CASH", day("2026-12-03"), day("2026-11-03"), {"RECEIVED"}, "paid in cash 12-03",
       paid=d1203)
charge(pick(SOFT), "CREDIT_CARD", "CONFIRMED", day("2026-12-15"), day("2026-11-15"), {"RECEIVED"},
       "only clientPaymentDate 12-03", client_paid=d1203)
charge("c_postal_disabled", "BOLETO", "RECEIVED", d1203, day("2026-11-03"), {"RECEIVED"},
       "paid 12-03, notificationDisabled: account email only", paid=d1203)
charge(pick(SOFT), "PIX", "RECEIVED", day("2026-12-10"), d1203, {"RECEIVED"}, "created and paid 12-03: no CREATED",
       paid=d1203)
# Not today.
charge(pick(GYM), "PIX", "RECEIVED", day("2026-12-01"), day("2026-11-01"), set(), "paid Sat 11-28: RECEIVED went 11-30",
       paid=day("2026-11-28"))
charge(pick(PET), "BOLETO", "RECEIVED", day("2026-12-01"), day("2026-11-01"), set(), "paid Sun 11-29: RECEIVED went 11-30",
       paid=day("2026-11-29"))
charge(pick(CLINIC), "BOLETO", "RECEIVED", day("2026-12-02"), day("2026-11-02"), set(),
       "paymentDate 12-01 wins over clientPaymentDate 12-03", paid=day("2026-12-01"), client_paid=d1203)
charge(pick(SCHOOL), "PIX", "REFUNDED", day("2026-12-03"), day("2026-11-03"), set(), "refunded, paid 12-03", paid=d1203)
charge(pick(SOFT), "BOLETO", "RECEIVED", day("2026-12-03"), day("2026-11-03"), set(), "paid 12-03 but deleted",
       paid=d1203, deleted="true")

# Postal letters: S = nextBD(max(dateCreated + 1, dueDate - 22)).
charge("g_postal_sp", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-26"), {"LETTER"},
       "due Sat 12-26 (- 22 = 12-04), SP 3 days")
charge("c_postal_mg", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-20"), {"LETTER"}, "due 12-26, default 7 days")
charge("sw_postal_am", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-25"), {"LETTER"},
       "due 12-26, AM 12 days: delivery 12-22 <= effDue 12-28")
charge("sw_postal_pr", "UNDEFINED", "PENDING", day("2026-12-26"), day("2026-11-25"), {"LETTER"}, "due 12-26, UNDEFINED")
charge("c_postal_disabled", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-21"), {"LETTER"},
       "due 12-26, notificationDisabled still gets its letter")
charge("sw_charge_postal", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-24"), {"LETTER"},
       "the charge's own postalService", postal="true")
charge("c_postal_mg", "BOLETO", "PENDING", day("2026-12-08"), d1203, {"CREATED", "POSTAL_TOO_LATE"},
       "created 12-03 due 12-08: S 12-04, delivery 12-15 > 12-08")
charge("sw_postal_am", "BOLETO", "PENDING", day("2026-12-21"), d1203, {"CREATED", "POSTAL_TOO_LATE"},
       "created 12-03 due 12-21, AM 12 days: delivery 12-22 > 12-21")
charge("g_postal_sp", "BOLETO", "PENDING", day("2026-12-22"), d1203, {"CREATED", "LETTER"},
       "created 12-03 due 12-22, SP 3 days: delivery 12-09")
charge("c_incomplete", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-26"), {"POSTAL_ADDRESS_INCOMPLETE"},
       "no address number")
charge("e_wrong_cep", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-26"), {"POSTAL_INVALID_CEP"},
       "RJ address, SP CEP")
charge("e_postal_rj", "BOLETO", "PENDING", day("2026-12-27"), day("2026-11-27"), set(),
       "due Sun 12-27: letter on Mon 12-07")
charge("e_postal_rj", "PIX", "PENDING", day("2026-12-26"), day("2026-11-26"), set(), "postal customer, Pix: no letter")
charge("g_postal_sp", "BOLETO", "PENDING", day("2026-12-26"), day("2026-11-26"), set(),
       "postal customer, boleto without linha digitável: no letter", boleto_line=False)

# Open charges due early 2027 (nothing today), one on the 2027-01-01 holiday.
charge(pick(SCHOOL), "BOLETO", "PENDING", day("2027-01-01"), day("2026-11-30"), set(), "due on the 01-01 holiday")
charge("e_postal_rj", "BOLETO", "PENDING", day("2027-01-08"), day("2026-11-30"), set(), "postal, letter on 12-17")

DESIGNED = len(CHARGES)


def bad_rows():
    """Three bad rows, each a different reason (1% of ~300 rows is the default reject limit)."""
    rows = []
    # BAD_NUMBER: US-style money. Would be a WARNING_DUE if misread.
    rows.append(charge(pick(PET), "PIX", "PENDING", D, day("2026-11-20"), {"REJECT:BAD_NUMBER"}, "value 1,234.56",
                       raw={"value": "1,234.56"}, append=False))
    # BAD_ENUM: lower-case status. Would be an OVERDUE_FIRST if accepted.
    rows.append(charge(pick(CLINIC), "BOLETO", "PENDING", d1203, day("2026-11-20"), {"REJECT:BAD_ENUM"},
                       "status pending", raw={"status": "pending"}, append=False))
    # DUPLICATE_ID: repeats the id of the first WARNING_BEFORE charge with other dates; the first row wins,
    # so this one must not produce the OVERDUE_FIRST it would otherwise produce.
    first_wb = next(c for c in CHARGES if c["_expect"] == {"WARNING_BEFORE"})
    rows.append(charge(pick(GYM), "PIX", "PENDING", d1203, day("2026-11-03"), {"REJECT:DUPLICATE_ID"},
                       "duplicate id", charge_id=first_wb["id"], append=False))
    return rows


# ---------------------------------------------------------------- reference evaluation of RULES.md

OPEN = {"PENDING", "OVERDUE"}
PAID = {"RECEIVED", "CONFIRMED", "RECEIVED_IN_CASH"}
STATUSES = OPEN | PAID | {"REFUNDED", "REFUND_REQUESTED", "REFUND_IN_PROGRESS", "CHARGEBACK_REQUESTED",
                          "CHARGEBACK_DISPUTE", "AWAITING_CHARGEBACK_REVERSAL", "DUNNING_REQUESTED",
                          "DUNNING_RECEIVED", "AWAITING_RISK_ANALYSIS"}
BILLING = {"BOLETO", "PIX", "CREDIT_CARD", "DEBIT_CARD", "TRANSFER", "DEPOSIT", "UNDEFINED"}
SLOTS = ["CREATED", "WARNING_BEFORE", "WARNING_DUE", "LINHA_DIGITAVEL", "OVERDUE_FIRST", "OVERDUE_REPEAT", "RECEIVED"]
BUILT_IN = {
    "CREATED": (0, "ce cs"), "WARNING_BEFORE": (10, "ce cs"), "WARNING_DUE": (0, "ce cs"),
    "LINHA_DIGITAVEL": (0, "ce cs"), "OVERDUE_FIRST": (0, "ce cs pe"), "OVERDUE_REPEAT": (7, "ce cs"),
    "RECEIVED": (0, "ce cs pe"), "UPDATED": (0, "ce cs"),
}
CHANNEL_KEYS = [("ce", "CUSTOMER", "email"), ("cs", "CUSTOMER", "sms"), ("cw", "CUSTOMER", "whatsapp"),
                ("cv", "CUSTOMER", "voice"), ("pe", "PROVIDER", "email"), ("ps", "PROVIDER", "sms")]
DDDS = set(range(11, 20)) | {21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38} | set(range(41, 50)) | \
    {51, 53, 54, 55} | set(range(61, 70)) | {71, 73, 74, 75, 77, 79} | set(range(81, 90)) | set(range(91, 100))
CEP_RANGES = {"SP": [(1000, 19999)], "RJ": [(20000, 28999)], "ES": [(29000, 29999)], "MG": [(30000, 39999)],
              "BA": [(40000, 48999)], "PR": [(80000, 87999)], "SC": [(88000, 89999)], "RS": [(90000, 99999)],
              "AM": [(69000, 69299), (69400, 69899)], "PE": [(50000, 56999)], "CE": [(60000, 63999)],
              "DF": [(70000, 72799), (73000, 73699)], "GO": [(72800, 72999), (73700, 76799)]}


def parse_date(text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?", text) or None
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})(?:[ T].*)?", text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError("BAD_DATE")


def parse_money(text):
    m = re.fullmatch(r"(\d+)(?:[.,](\d{1,2}))?", text) or re.fullmatch(r"(\d{1,3}(?:\.\d{3})+),(\d{1,2})", text)
    if not m:
        raise ValueError("BAD_NUMBER")
    cents = int(m[1].replace(".", "")) * 100 + int((m[2] or "0").ljust(2, "0"))
    if cents <= 0:
        raise ValueError("BAD_NUMBER")
    return cents


def truthy(text):
    return text.strip().lower() in ("true", "1", "sim")


def valid_email(addr):
    if len(addr) > 254 or any(ch.isspace() for ch in addr) or addr.count("@") != 1:
        return False
    local, domain = addr.split("@")
    labels = domain.split(".")
    return bool(local) and len(labels) >= 2 and all(labels)


def clean_phone(text):
    s = re.sub(r"[ .\-()]", "", text)
    if s.startswith("+55"):
        s = s[3:]
    elif s.startswith("55") and len(s) in (12, 13):
        s = s[2:]
    elif s.startswith("0") and len(s) in (11, 12):
        s = s[1:]
    return s


def is_mobile(text):
    s = clean_phone(text)
    return len(s) == 11 and s.isdigit() and int(s[:2]) in DDDS and s[2] == "9"


def is_landline(text):
    s = clean_phone(text)
    return len(s) == 10 and s.isdigit() and int(s[:2]) in DDDS and s[2] in "2345"


def slot_of(event, offset):
    return {"PAYMENT_CREATED": "CREATED", "PAYMENT_UPDATED": "UPDATED", "SEND_LINHA_DIGITAVEL": "LINHA_DIGITAVEL",
            "PAYMENT_RECEIVED": "RECEIVED",
            "PAYMENT_DUEDATE_WARNING": "WARNING_BEFORE" if offset > 0 else "WARNING_DUE",
            "PAYMENT_OVERDUE": "OVERDUE_REPEAT" if offset > 0 else "OVERDUE_FIRST"}[event]


def resolve(cust, slot):
    """(enabled, offset, channel keys) of a slot for a customer."""
    for row in SETTINGS:  # customer row first
        if row["customer"] == cust["id"] and slot_of(row["event"], int(row["scheduleOffset"])) == slot:
            return setting_tuple(row, slot)
    for row in SETTINGS:
        if not row["customer"] and row["account"] == cust["account"] and \
                slot_of(row["event"], int(row["scheduleOffset"])) == slot:
            return setting_tuple(row, slot)
    offset, keys = BUILT_IN[slot]
    return True, offset, set(keys.split())


def setting_tuple(row, slot):
    keys = {k for k, field in [("pe", "emailEnabledForProvider"), ("ps", "smsEnabledForProvider"),
                               ("ce", "emailEnabledForCustomer"), ("cs", "smsEnabledForCustomer"),
                               ("cv", "phoneCallEnabledForCustomer"), ("cw", "whatsappEnabledForCustomer")]
            if truthy(row[field])}
    offset = int(row["scheduleOffset"]) if slot in ("WARNING_BEFORE", "OVERDUE_REPEAT") else 0
    return row["enabled"] == "" or truthy(row["enabled"]), offset, keys


def parse_charge(row, customers_by_id, seen_ids):
    """The charge's fields as values, or ('REJECT:<reason>',)."""
    for field in ("id", "customer", "billingType", "status", "value", "dueDate", "dateCreated"):
        if not row[field].strip():
            return "REJECT:MISSING_FIELD"
    try:
        c = {"id": row["id"], "billing": row["billingType"], "status": row["status"]}
        if c["billing"] not in BILLING or c["status"] not in STATUSES:
            return "REJECT:BAD_ENUM"
        c["value"] = parse_money(row["value"])
        for field in ("dueDate", "dateCreated", "paymentDate", "clientPaymentDate", "lastBankSlipViewedDate",
                      "originalDueDate"):
            c[field] = parse_date(row[field]) if row[field] else None
    except ValueError as error:
        return "REJECT:" + str(error)
    if row["id"] in seen_ids:
        return "REJECT:DUPLICATE_ID"
    if row["customer"] not in customers_by_id:
        return "REJECT:UNKNOWN_CUSTOMER"
    c["deleted"] = truthy(row["deleted"])
    if not c["deleted"] and c["status"] in PAID and not (c["paymentDate"] or c["clientPaymentDate"]):
        return "REJECT:PAID_WITHOUT_PAY_DATE"
    c["subscription"] = bool(row["subscription"])
    c["line"] = bool(row["identificationField"])
    c["postal"] = truthy(row["postalService"])
    return c


def outcome(c, cust):
    """What a valid charge produces on RUN_DATE: slots fired (with channel keys) and a letter result."""
    if c["dateCreated"] >= D or truthy(cust["deleted"]):
        return {"LEFT_OUT": set()}
    fired = {}
    is_open = c["status"] in OPEN and not c["deleted"]
    is_paid = c["status"] in PAID and not c["deleted"]
    due = c["dueDate"]
    eff = next_bd(due)
    for slot in SLOTS:
        enabled, n, keys = resolve(cust, slot)
        if not enabled:
            continue
        if slot == "CREATED":
            hit = is_open and not c["subscription"] and next_bd(plus(c["dateCreated"], 1)) == D
        elif slot == "WARNING_BEFORE":
            hit = is_open and D <= eff and prev_bd(plus(due, -n)) == D
        elif slot == "WARNING_DUE":
            hit = is_open and D <= eff and prev_bd(due) == D
        elif slot == "LINHA_DIGITAVEL":
            hit = is_open and c["billing"] in ("BOLETO", "UNDEFINED") and c["line"] and \
                not c["lastBankSlipViewedDate"] and D <= eff and prev_bd(due) == D
        elif slot == "OVERDUE_FIRST":
            hit = is_open and D > eff and next_bd(plus(eff, 1)) == D
        elif slot == "OVERDUE_REPEAT":
            hit = is_open and D > eff and any(next_bd(plus(eff, 1 + k * n)) == D for k in range(1, 11))
        else:
            hit = is_paid and next_bd(plus(c["paymentDate"] or c["clientPaymentDate"], 1)) == D
        if hit:
            fired[slot] = set(keys)
    # Collisions, per channel (none are designed, but keep the rule).
    for winner, loser in (("WARNING_DUE", "WARNING_BEFORE"), ("OVERDUE_FIRST", "OVERDUE_REPEAT")):
        if winner in fired and loser in fired:
            fired[loser] -= fired[winner]
    if (truthy(cust["postalService"]) or c["postal"]) and is_open and c["billing"] in ("BOLETO", "UNDEFINED") \
            and c["line"] and next_bd(max(plus(c["dateCreated"], 1), plus(due, -22))) == D:
        cep = re.sub(r"[-. ]", "", cust["postalCode"])
        ranges = CEP_RANGES.get(cust["state"], [])
        if not all(cust[f].strip() for f in ("address", "addressNumber", "province", "cityName", "state")):
            fired["POSTAL_ADDRESS_INCOMPLETE"] = set()
        elif not (len(cep) == 8 and cep.isdigit() and any(lo <= int(cep[:5]) <= hi for lo, hi in ranges)):
            fired["POSTAL_INVALID_CEP"] = set()
        elif add_bd(D, CONFIG["deliveryBusinessDays"]["byState"].get(cust["state"], 7)) > eff:
            fired["POSTAL_TOO_LATE"] = set()
        else:
            fired["LETTER"] = set()
    return fired


def messages(slot, keys, cust, account):
    """(recipient, channel, 'SENT' or reject reason) for one fired slot."""
    out = []
    for key, recipient, channel in CHANNEL_KEYS:
        if key not in keys or (recipient == "CUSTOMER" and truthy(cust["notificationDisabled"])):
            continue
        if recipient == "PROVIDER":
            ok = valid_email(account["email"]) if channel == "email" else is_mobile(account["mobilePhone"])
        elif channel == "email":
            pieces = [cust["email"]] + re.split(r"[,;]", cust["additionalEmails"])
            ok = any(valid_email(p.strip()) for p in pieces if p.strip())
        elif channel == "voice":
            ok = any(is_mobile(p) or is_landline(p) for p in (cust["mobilePhone"], cust["phone"]) if p)
        else:
            ok = is_mobile(cust["mobilePhone"])
        reason = {"email": "NO_VALID_EMAIL", "voice": "NO_VALID_PHONE"}.get(channel, "NO_VALID_MOBILE")
        out.append((recipient, channel, "SENT" if ok else reason))
    return out


# ---------------------------------------------------------------- fillers: charges that do nothing today

def filler():
    """A charge of an ordinary book that must fire nothing on RUN_DATE (drawn again until it does not)."""
    handle = rng.choice([h for h in BY_HANDLE if h != "p_deleted"])
    created = plus(day("2026-01-05"), rng.randrange(0, 360))
    due = plus(created, rng.randrange(5, 45))
    kind = rng.random()
    extra = {}
    if kind < 0.08:
        status = rng.choice(["REFUNDED", "REFUND_REQUESTED", "CHARGEBACK_DISPUTE", "DUNNING_REQUESTED",
                             "AWAITING_RISK_ANALYSIS"])
    elif kind < 0.13:
        status = rng.choice(["PENDING", "OVERDUE"])
        extra["deleted"] = "true"
    elif (due < D and kind < 0.85) or (due >= D and kind < 0.4):
        # Paid around the due date, never after 12-02 (a 12-03 payment would be RECEIVED today).
        status = rng.choice(["RECEIVED", "RECEIVED", "CONFIRMED", "RECEIVED_IN_CASH"])
        pay = min(plus(due, rng.randrange(-6, 4)), day("2026-12-02"))
        extra["paid"] = max(pay, created)
        if rng.random() < 0.25:
            extra["client_paid"] = extra["paid"]
    else:
        status = "PENDING" if due >= D else rng.choice(["PENDING", "OVERDUE"])
    if rng.random() < 0.3 and BY_HANDLE[handle]["account"] in (GYM, SCHOOL):
        extra["subscription"] = "sub_" + BY_HANDLE[handle]["id"][4:]
    billing = rng.choice(["BOLETO", "BOLETO", "PIX", "PIX", "CREDIT_CARD", "UNDEFINED", "DEBIT_CARD", "TRANSFER"])
    return charge(handle, billing, status, due, created, set(), "filler", append=False, **extra)


def future_filler():
    """An open charge due in January-March 2027, created in November (nothing today)."""
    handle = rng.choice([h for h in BY_HANDLE if h != "p_deleted"])
    created = plus(day("2026-11-01"), rng.randrange(0, 32))
    due = plus(day("2027-01-04"), rng.randrange(0, 80))
    billing = rng.choice(["BOLETO", "BOLETO", "PIX", "UNDEFINED", "CREDIT_CARD"])
    return charge(handle, billing, "PENDING", due, created, set(), "filler 2027", append=False)


CONFIG_TEXT = ('{\n  "fees": {"whatsapp": 8, "voice": 25, "postal": 320},\n'
               '  "deliveryBusinessDays": {"default": 7, "byState": {"SP": 3, "RJ": 4, "AM": 12}}\n}\n')
CONFIG = {"deliveryBusinessDays": {"default": 7, "byState": {"SP": 3, "RJ": 4, "AM": 12}}}

TOTAL_CHARGES = 300
CUSTOMERS_BY_ID = {c["id"]: c for c in CUSTOMERS}
ACCOUNTS_BY_ID = {a["id"]: a for a in ACCOUNTS}
bad = bad_rows()
while len(CHARGES) + len(bad) < TOTAL_CHARGES:
    candidate = future_filler() if rng.random() < 0.2 else filler()
    parsed = parse_charge(candidate, CUSTOMERS_BY_ID, set())
    if isinstance(parsed, dict) and not outcome(parsed, CUSTOMERS_BY_ID[candidate["customer"]]):
        CHARGES.append(candidate)

# Export order: by creation date like the platform's export (ties by id); the bad rows go in at fixed
# places, the duplicate after the row it repeats.
CHARGES.sort(key=lambda c: (parse_date(c["dateCreated"]), c["id"]))
for row, position in zip(bad, (40, 150, 260)):
    CHARGES.insert(position, row)
assert next(i for i, c in enumerate(CHARGES) if c["id"] == bad[2]["id"]) < 260

# ---------------------------------------------------------------- manual resends (RULES.md "Manual resends")

RESEND_FIELDS = ["id", "payment", "requestedAt"]


def designed(note, account=None, handle=None):
    """The id of the one designed charge with this note (and account or customer handle)."""
    found = [c for c in CHARGES if c["_note"] == note
             and (account is None or CUSTOMERS_BY_ID[c["customer"]]["account"] == account)
             and (handle is None or c["customer"] == BY_HANDLE[handle]["id"])]
    assert len(found) == 1, (note, account, handle, len(found))
    return found[0]["id"]


# One request per outcome, written in every requestedAt form FORMATS.md accepts. No random draws
# here: the rows above keep their bytes. Expected on RUN_DATE, with no earlier run in the ledger:
# (outcome, reason, channels sent, channels whose message is rejected for a bad contact).
# They are processed by requestedAt as an instant, then by id; the rows are listed by id.
RESENDS = [
    # Before due (due Mon 12-07, nothing scheduled today): the built-in before-due slots have
    # email and SMS.
    ({"id": "req_1001", "payment": designed("due Mon 12-07: WARNING_DUE on 12-07", GYM),
      "requestedAt": "2026-12-03T10:15:00-03:00"}, ("SENT", "", "email|sms", "")),
    # Overdue since September, past its last repeat: the school's overdue group has WhatsApp too,
    # and SMS and WhatsApp go together on the one phone allowance.
    ({"id": "req_1002", "payment": designed("due 09-17: k=11 > maxOverdueRepeats", SCHOOL),
      "requestedAt": "2026-12-03 09:00"}, ("SENT", "", "email|sms|whatsapp", "")),
    # Paid on 12-03 (its RECEIVED goes today): not open.
    ({"id": "req_1003", "payment": designed("paid 12-03", GYM),
      "requestedAt": "2026-12-04T01:30:00Z"}, ("REJECTED", "CHARGE_NOT_OPEN", "", "")),
    # A charge id that is not in the export.
    ({"id": "req_1004", "payment": "pay_000000000000",
      "requestedAt": "2026-12-03T16:45:10.500-0300"}, ("REJECTED", "CHARGE_NOT_OPEN", "", "")),
    # Two requests for one charge at the same instant, written differently: the id decides the
    # order, the first is SENT (its SMS is rejected: DDD 20 does not exist, the allowance is used
    # all the same), the second finds it in progress.
    ({"id": "req_1005", "payment": designed("due 12-15, bad DDD: SMS NO_VALID_MOBILE", handle="c_invalid_ddd"),
      "requestedAt": "2026-12-03T14:00:00Z"}, ("SENT", "", "email|sms", "sms")),
    ({"id": "req_1006", "payment": designed("due 12-15, bad DDD: SMS NO_VALID_MOBILE", handle="c_invalid_ddd"),
      "requestedAt": "2026-12-03 11:00:00"}, ("REJECTED", "RESEND_IN_PROGRESS", "", "")),
    # The customer has notificationDisabled.
    ({"id": "req_1007", "payment": designed("due 12-03, notificationDisabled: account email only", handle="e_notif_disabled"),
      "requestedAt": "2026-12-03T08:05-03"}, ("REJECTED", "CUSTOMER_NOTIFICATIONS_DISABLED", "", "")),
    # Requested on the run date itself: the run of 12-04 does not see it (the run of 12-07 will).
    ({"id": "req_1008", "payment": designed("due 12-04, card", PET),
      "requestedAt": "2026-12-04T08:10:00-03:00"}, ("NOT_SEEN", "", "", "")),
]
RESEND_ROWS = [row for row, _ in RESENDS]

# ---------------------------------------------------------------- writers


def csv_text(fields, rows, delimiter=",", newline="\n", bom=False):
    def cell(value):
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")) or value != value.strip():
            return '"' + value.replace('"', '""') + '"'
        return value
    lines = [delimiter.join(fields)] + [delimiter.join(cell(row[f]) for f in fields) for row in rows]
    return ("\ufeff" if bom else "") + newline.join(lines) + newline


def xml_text(plural, singular, fields, rows):
    def esc(value):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<%s>" % plural]
    for row in rows:
        out.append("  <%s>" % singular)
        for f in fields:
            if row[f] != "":
                out.append("    <%s>%s</%s>" % (f, esc(row[f]), f))
        out.append("  </%s>" % singular)
    out.append("</%s>" % plural)
    return "\n".join(out) + "\n"


def write(relative, text):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))


write("csv/accounts.csv", csv_text(ACCOUNT_FIELDS, ACCOUNTS))
write("csv/customers.csv", csv_text(CUSTOMER_FIELDS, CUSTOMERS))
write("csv/charges.csv", csv_text(CHARGE_FIELDS, CHARGES, delimiter=";", newline="\r\n", bom=True))
write("csv/notifications.csv", csv_text(SETTING_FIELDS, SETTINGS))
write("xml/accounts.xml", xml_text("accounts", "account", ACCOUNT_FIELDS, ACCOUNTS))
write("xml/customers.xml", xml_text("customers", "customer", CUSTOMER_FIELDS, CUSTOMERS))
write("xml/charges.xml", xml_text("charges", "charge", CHARGE_FIELDS, CHARGES))
write("xml/notifications.xml", xml_text("notifications", "notification", SETTING_FIELDS, SETTINGS))
write("csv/resends.csv", csv_text(RESEND_FIELDS, RESEND_ROWS))
write("xml/resends.xml", xml_text("resends", "resend", RESEND_FIELDS, RESEND_ROWS))
write("config.json", CONFIG_TEXT)

# ---------------------------------------------------------------- check the design, print expected counts

seen, problems = set(), []
letter_value = 0
slot_count = {}
message_count = {}
for row in CHARGES:
    parsed = parse_charge(row, CUSTOMERS_BY_ID, seen)
    if isinstance(parsed, str):
        got = {parsed: set()}
    else:
        seen.add(parsed["id"])
        cust = CUSTOMERS_BY_ID[row["customer"]]
        got = outcome(parsed, cust)
        if "LETTER" in got:
            letter_value += parsed["value"]
        for slot, keys in got.items():
            for recipient, channel, result in messages(slot, keys, cust, ACCOUNTS_BY_ID[cust["account"]]):
                k = (slot, recipient, channel, result)
                message_count[k] = message_count.get(k, 0) + 1
    if set(got) != row["_expect"]:
        problems.append("%s (%s): expected %s, got %s" % (row["id"], row["_note"], sorted(row["_expect"]), sorted(got)))
    for name in got:
        slot_count[name] = slot_count.get(name, 0) + 1



def requested_at(text):
    """(local date, UTC instant) of a requestedAt; America/Sao_Paulo is UTC-3 all year since 2019."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?"
                     r"(Z|[+-]\d{2}(?::?\d{2})?)?", text)
    if not m:
        raise ValueError("BAD_DATETIME")
    written = dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0))
    zone = m[7]
    if zone is None:
        offset = -180
    elif zone == "Z":
        offset = 0
    else:
        digits_only = zone[1:].replace(":", "")
        offset = (int(digits_only[:2]) * 60 + int(digits_only[2:] or 0)) * (1 if zone[0] == "+" else -1)
    instant = written - dt.timedelta(minutes=offset)
    return (instant - dt.timedelta(hours=3)).date(), instant


def resend_outcomes():
    """RULES.md "Manual resends" for RUN_DATE with no earlier run: request id -> expected tuple."""
    considered, seen_ids = {}, set()
    for row in CHARGES:
        parsed = parse_charge(row, CUSTOMERS_BY_ID, seen_ids)
        if isinstance(parsed, str):
            continue
        seen_ids.add(parsed["id"])
        cust = CUSTOMERS_BY_ID[row["customer"]]
        if parsed["dateCreated"] < D and not truthy(cust["deleted"]):
            considered[parsed["id"]] = (parsed, cust)
    results, in_progress = {}, set()
    for row in sorted(RESEND_ROWS, key=lambda r: (requested_at(r["requestedAt"])[1], r["id"].encode())):
        local_date, _ = requested_at(row["requestedAt"])
        found = considered.get(row["payment"])
        if local_date >= D:
            results[row["id"]] = ("NOT_SEEN", "", "", "")
            continue
        if not found or found[0]["status"] not in OPEN or found[0]["deleted"]:
            results[row["id"]] = ("REJECTED", "CHARGE_NOT_OPEN", "", "")
            continue
        if row["payment"] in in_progress:
            results[row["id"]] = ("REJECTED", "RESEND_IN_PROGRESS", "", "")
            continue
        c, cust = found
        if truthy(cust["notificationDisabled"]):
            results[row["id"]] = ("REJECTED", "CUSTOMER_NOTIFICATIONS_DISABLED", "", "")
            continue
        overdue = D > next_bd(c["dueDate"])
        group = ["OVERDUE_FIRST", "OVERDUE_REPEAT"] if overdue else \
            ["CREATED", "UPDATED", "WARNING_BEFORE", "WARNING_DUE", "LINHA_DIGITAVEL"]
        keys = set()
        for slot in group:
            enabled, _, slot_keys = resolve(cust, slot)
            if enabled:
                keys |= slot_keys
        channels = [name for key, name in (("ce", "email"), ("cs", "sms"), ("cw", "whatsapp")) if key in keys]
        if not channels:
            results[row["id"]] = ("REJECTED", "RESEND_LIMIT_REACHED", "", "")
            continue
        in_progress.add(row["payment"])
        pieces = [cust["email"]] + re.split(r"[,;]", cust["additionalEmails"])
        bad = [ch for ch in channels if not (any(valid_email(p.strip()) for p in pieces if p.strip())
                                             if ch == "email" else is_mobile(cust["mobilePhone"]))]
        results[row["id"]] = ("SENT", "", "|".join(channels), "|".join(bad))
    return results


resend_results = resend_outcomes()
for row, expected in RESENDS:
    if resend_results[row["id"]] != expected:
        problems.append("resend %s: expected %s, got %s" % (row["id"], expected, resend_results[row["id"]]))

if problems:
    sys.exit("design check failed:\n  " + "\n  ".join(problems))

print("rows: accounts %d, customers %d, charges %d (designed %d, bad %d, fillers %d), settings %d"
      % (len(ACCOUNTS), len(CUSTOMERS), len(CHARGES), DESIGNED, len(bad), len(CHARGES) - DESIGNED - len(bad),
         len(SETTINGS)))
print("charges per outcome on %s:" % D.isoformat())
for name in sorted(slot_count):
    print("  %-28s %d" % (name, slot_count[name]))
fees = {"whatsapp": 8, "voice": 25}
sent = {ch: sum(n for (slot, rec, c, res), n in message_count.items() if c == ch and res == "SENT") for ch in fees}
print("letters %d, face value %s, postal fees %s; whatsapp %d (fees %s), voice %d (fees %s)"
      % (slot_count.get("LETTER", 0), fmt_money(letter_value, "br"), fmt_money(320 * slot_count.get("LETTER", 0), "br"),
         sent["whatsapp"], fmt_money(fees["whatsapp"] * sent["whatsapp"], "br"), sent["voice"],
         fmt_money(fees["voice"] * sent["voice"], "br")))
print("messages (slot, recipient, channel, result):")
for key in sorted(message_count):
    print("  %-16s %-8s %-8s %-16s %d" % (key + (message_count[key],)))
print("resend requests on %s (id, payment, outcome, reason, channels, rejected contacts):" % D.isoformat())
for row in RESEND_ROWS:
    print(("  %-9s %-17s %-9s %-32s %-20s %s" % ((row["id"], row["payment"]) + resend_results[row["id"]])).rstrip())
