/// The made-up but plausible Brazilian material generated exports are built from: names, cities
/// with their area codes and CEP ranges, streets, businesses and charge descriptions.
enum GeneratorVocabulary {
    /// A city the generator places customers in: its state, area code (DDD), a CEP range (first
    /// five digits, inside the state's range of RULES.md), streets and neighbourhoods.
    struct City {
        let name: String
        let state: String
        let ddd: Int
        let cepLow: Int
        let cepHigh: Int
        /// Relative share of customers.
        let weight: Int
        let streets: [String]
        let neighbourhoods: [String]
    }

    static let cities: [City] = [
        City(name: "São Paulo", state: "SP", ddd: 11, cepLow: 1000, cepHigh: 5999, weight: 220,
             streets: ["Avenida Paulista", "Rua Augusta", "Rua Voluntários da Pátria", "Rua Oscar Freire", "Rua da Consolação", "Avenida Brigadeiro Faria Lima"],
             neighbourhoods: ["Bela Vista", "Santana", "Jardim Paulista", "Pinheiros", "Moema", "Vila Mariana", "Itaim Bibi"]),
        City(name: "Campinas", state: "SP", ddd: 19, cepLow: 13000, cepHigh: 13139, weight: 40,
             streets: ["Avenida Norte-Sul", "Rua Barão de Jaguara", "Avenida Orosimbo Maia"],
             neighbourhoods: ["Cambuí", "Centro", "Taquaral"]),
        City(name: "Santos", state: "SP", ddd: 13, cepLow: 11000, cepHigh: 11099, weight: 25,
             streets: ["Avenida Ana Costa", "Rua Tolentino Filgueiras"],
             neighbourhoods: ["Gonzaga", "Boqueirão", "Embaré"]),
        City(name: "Rio de Janeiro", state: "RJ", ddd: 21, cepLow: 20000, cepHigh: 23799, weight: 120,
             streets: ["Rua São Clemente", "Rua Visconde de Pirajá", "Avenida Atlântica", "Rua Conde de Bonfim", "Rua das Laranjeiras"],
             neighbourhoods: ["Botafogo", "Ipanema", "Copacabana", "Tijuca", "Laranjeiras"]),
        City(name: "Niterói", state: "RJ", ddd: 21, cepLow: 24000, cepHigh: 24399, weight: 15,
             streets: ["Rua Moreira César", "Rua Gavião Peixoto"],
             neighbourhoods: ["Icaraí", "Santa Rosa"]),
        City(name: "Belo Horizonte", state: "MG", ddd: 31, cepLow: 30000, cepHigh: 31999, weight: 80,
             streets: ["Avenida Afonso Pena", "Rua Pernambuco", "Rua Grão Pará", "Avenida do Contorno"],
             neighbourhoods: ["Centro", "Savassi", "Funcionários", "Lourdes"]),
        City(name: "Uberlândia", state: "MG", ddd: 34, cepLow: 38400, cepHigh: 38414, weight: 20,
             streets: ["Avenida Rondon Pacheco", "Rua Goiás"],
             neighbourhoods: ["Centro", "Santa Mônica"]),
        City(name: "Vitória", state: "ES", ddd: 27, cepLow: 29000, cepHigh: 29099, weight: 20,
             streets: ["Avenida Jerônimo Monteiro", "Rua Chapot Presvot"],
             neighbourhoods: ["Centro", "Praia do Canto"]),
        City(name: "Salvador", state: "BA", ddd: 71, cepLow: 40000, cepHigh: 42599, weight: 55,
             streets: ["Avenida Sete de Setembro", "Rua Alceu Amoroso Lima", "Avenida Tancredo Neves"],
             neighbourhoods: ["Caminho das Árvores", "Barra", "Pituba", "Vitória"]),
        City(name: "Recife", state: "PE", ddd: 81, cepLow: 50000, cepHigh: 52999, weight: 45,
             streets: ["Avenida Boa Viagem", "Rua da Aurora", "Avenida Conselheiro Aguiar"],
             neighbourhoods: ["Boa Viagem", "Boa Vista", "Casa Forte"]),
        City(name: "Fortaleza", state: "CE", ddd: 85, cepLow: 60000, cepHigh: 61599, weight: 45,
             streets: ["Avenida Beira Mar", "Rua Barão de Aracati", "Avenida Santos Dumont"],
             neighbourhoods: ["Meireles", "Aldeota", "Cocó"]),
        City(name: "Curitiba", state: "PR", ddd: 41, cepLow: 80000, cepHigh: 82999, weight: 45,
             streets: ["Rua XV de Novembro", "Avenida Sete de Setembro", "Rua Comendador Araújo"],
             neighbourhoods: ["Centro", "Batel", "Água Verde"]),
        City(name: "Londrina", state: "PR", ddd: 43, cepLow: 86000, cepHigh: 86099, weight: 12,
             streets: ["Avenida Higienópolis", "Rua Sergipe"],
             neighbourhoods: ["Centro", "Gleba Palhano"]),
        City(name: "Florianópolis", state: "SC", ddd: 48, cepLow: 88000, cepHigh: 88099, weight: 20,
             streets: ["Avenida Beira-Mar Norte", "Rua Felipe Schmidt"],
             neighbourhoods: ["Centro", "Trindade", "Agronômica"]),
        City(name: "Joinville", state: "SC", ddd: 47, cepLow: 89200, cepHigh: 89239, weight: 12,
             streets: ["Rua do Príncipe", "Avenida Getúlio Vargas"],
             neighbourhoods: ["Centro", "América"]),
        City(name: "Porto Alegre", state: "RS", ddd: 51, cepLow: 90000, cepHigh: 91999, weight: 45,
             streets: ["Avenida Ipiranga", "Rua Padre Chagas", "Avenida Protásio Alves"],
             neighbourhoods: ["Moinhos de Vento", "Cidade Baixa", "Petrópolis"]),
        City(name: "Brasília", state: "DF", ddd: 61, cepLow: 70000, cepHigh: 72799, weight: 40,
             streets: ["SQS 308 Bloco C", "SQN 210 Bloco F", "CLN 405 Bloco B"],
             neighbourhoods: ["Asa Sul", "Asa Norte", "Lago Sul"]),
        City(name: "Goiânia", state: "GO", ddd: 62, cepLow: 74000, cepHigh: 74899, weight: 25,
             streets: ["Avenida T-63", "Rua 9"],
             neighbourhoods: ["Setor Bueno", "Setor Marista"]),
        City(name: "Manaus", state: "AM", ddd: 92, cepLow: 69000, cepHigh: 69099, weight: 22,
             streets: ["Avenida Eduardo Ribeiro", "Avenida Djalma Batista"],
             neighbourhoods: ["Centro", "Adrianópolis", "Chapada"]),
        City(name: "Belém", state: "PA", ddd: 91, cepLow: 66000, cepHigh: 66999, weight: 20,
             streets: ["Avenida Presidente Vargas", "Travessa Padre Eutíquio"],
             neighbourhoods: ["Nazaré", "Umarizal", "Batista Campos"]),
        City(name: "São Luís", state: "MA", ddd: 98, cepLow: 65000, cepHigh: 65109, weight: 12,
             streets: ["Avenida dos Holandeses", "Rua Grande"],
             neighbourhoods: ["Calhau", "Centro"]),
        City(name: "João Pessoa", state: "PB", ddd: 83, cepLow: 58000, cepHigh: 58099, weight: 10,
             streets: ["Avenida Epitácio Pessoa", "Avenida Cabo Branco"],
             neighbourhoods: ["Tambaú", "Manaíra"]),
        City(name: "Natal", state: "RN", ddd: 84, cepLow: 59000, cepHigh: 59099, weight: 10,
             streets: ["Avenida Engenheiro Roberto Freire", "Rua Mossoró"],
             neighbourhoods: ["Ponta Negra", "Tirol"]),
        City(name: "Maceió", state: "AL", ddd: 82, cepLow: 57000, cepHigh: 57099, weight: 9,
             streets: ["Avenida Álvaro Otacílio", "Rua Jangadeiros Alagoanos"],
             neighbourhoods: ["Ponta Verde", "Pajuçara"]),
        City(name: "Aracaju", state: "SE", ddd: 79, cepLow: 49000, cepHigh: 49099, weight: 7,
             streets: ["Avenida Beira Mar", "Rua Laranjeiras"],
             neighbourhoods: ["Atalaia", "Centro"]),
        City(name: "Teresina", state: "PI", ddd: 86, cepLow: 64000, cepHigh: 64099, weight: 8,
             streets: ["Avenida Frei Serafim", "Rua Areolino de Abreu"],
             neighbourhoods: ["Centro", "Jóquei"]),
        City(name: "Cuiabá", state: "MT", ddd: 65, cepLow: 78000, cepHigh: 78099, weight: 8,
             streets: ["Avenida Historiador Rubens de Mendonça", "Rua Barão de Melgaço"],
             neighbourhoods: ["Centro", "Bosque da Saúde"]),
        City(name: "Campo Grande", state: "MS", ddd: 67, cepLow: 79000, cepHigh: 79129, weight: 8,
             streets: ["Avenida Afonso Pena", "Rua 14 de Julho"],
             neighbourhoods: ["Centro", "Jardim dos Estados"]),
        City(name: "Palmas", state: "TO", ddd: 63, cepLow: 77000, cepHigh: 77299, weight: 3,
             streets: ["Avenida Juscelino Kubitschek", "Quadra 104 Norte"],
             neighbourhoods: ["Plano Diretor Sul", "Plano Diretor Norte"]),
        City(name: "Porto Velho", state: "RO", ddd: 69, cepLow: 76800, cepHigh: 76849, weight: 3,
             streets: ["Avenida Sete de Setembro", "Rua Dom Pedro II"],
             neighbourhoods: ["Centro", "Olaria"]),
        City(name: "Rio Branco", state: "AC", ddd: 68, cepLow: 69900, cepHigh: 69924, weight: 2,
             streets: ["Avenida Ceará", "Rua Marechal Deodoro"],
             neighbourhoods: ["Centro", "Bosque"]),
        City(name: "Boa Vista", state: "RR", ddd: 95, cepLow: 69300, cepHigh: 69339, weight: 2,
             streets: ["Avenida Ville Roy", "Rua Coronel Pinto"],
             neighbourhoods: ["Centro", "São Francisco"]),
        City(name: "Macapá", state: "AP", ddd: 96, cepLow: 68900, cepHigh: 68929, weight: 2,
             streets: ["Avenida FAB", "Rua Cândido Mendes"],
             neighbourhoods: ["Centro", "Trem"]),
    ]

    static let femaleNames = [
        "Ana", "Maria", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia",
        "Aline", "Beatriz", "Camila", "Letícia", "Luíza", "Heloísa", "Benedita", "Cecília", "Vitória",
        "Júlia", "Larissa", "Mariana", "Raquel", "Sônia", "Tânia", "Débora", "Gabriela", "Isabela",
    ]

    static let maleNames = [
        "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
        "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Sérgio", "Raimundo", "Caio",
        "Vinícius", "Rodrigo", "Joaquim", "Iúri", "Otávio", "Fábio", "Márcio", "Túlio",
    ]

    static let surnames = [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
        "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Araújo", "Conceição",
        "Damásio", "Nóbrega", "Guimarães", "Magalhães", "Falcão", "Assunção", "Loureiro", "Peçanha",
        "Brandão", "Gonçalves", "Simões", "Sampaio", "Barbosa", "Castro", "Monteiro", "Cardoso",
    ]

    static let emailDomains = [
        "gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com", "yahoo.com.br",
        "uol.com.br", "bol.com.br", "terra.com.br", "icloud.com", "globo.com",
    ]

    static let businessKinds = [
        "Academia", "Escola", "Clínica", "Pet Shop", "Padaria", "Farmácia", "Oficina Mecânica", "Studio",
        "Consultório", "Mercado", "Auto Escola", "Instituto", "Colégio", "Loja", "Condomínio", "Associação",
    ]

    static let businessNames = [
        "Força Viva", "Pequeno Príncipe", "São Lucas", "Amigo Fiel", "Bom Jesus", "Santa Clara", "Nova Era",
        "Sol Nascente", "Boa Vista", "Primavera", "Estrela do Sul", "Horizonte", "Aurora", "Ipê Amarelo",
        "Cidade Verde", "Raízes", "Equilíbrio", "Vida & Saúde", "Três Irmãos", "Monte Sião",
    ]

    static let businessSuffixes = ["", "", " Ltda", " ME", " EIRELI", " S.A."]

    /// Charge descriptions; some hold a comma, a quote or `&`, so writers must escape them.
    static let descriptions = [
        "Mensalidade", "Plano mensal", "Plano anual - parcela", "Consulta, retorno incluso",
        "Banho & tosa - pacote mensal", "Material didático 2027", "Hospedagem em nuvem",
        "Manutenção preventiva \"premium\"", "Taxa de condomínio", "Aula avulsa", "Matrícula",
        "Licença de software", "Exame de rotina", "Hotelzinho fim de semana", "Revisão 10.000 km",
        "Fisioterapia - 10 sessões", "Uniforme escolar", "Rateio de obra; fundo de reserva",
    ]

    static let complements = [
        "Apto 101", "Apto 1203", "Casa 2", "Sala 305", "Bloco B\nApto 12", "Fundos", "Loja 4",
        "Cobertura", "Conjunto 71",
    ]
}
