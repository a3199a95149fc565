using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Shian.Plans;

namespace Shian.Tests.Plans;

public class PlanParserTests
{
    private static ParsedPlan ParseSample(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "plans", name);
        var document = PlanDocument.Read(File.ReadAllBytes(path), name);
        Assert.Null(document.Error);
        var result = PlanParser.Parse(document.Text!);
        Assert.Null(result.Error);
        return result.Plan!;
    }

    private static void AssertIndicator(ParsedIndicator indicator, string subject, string comparator, decimal value, string unit)
    {
        Assert.Equal(subject, indicator.Subject);
        Assert.Equal(comparator, indicator.Comparator);
        Assert.Equal(value, indicator.Value);
        Assert.Equal(unit, indicator.Unit);
    }

    // ---- the seed: 蓟州区2020年食品安全监督管理计划 -----------------------------------------------------------------

    [Fact]
    public void Seed_notice_title_and_sections()
    {
        var plan = ParseSample("jizhou-2020.txt");
        Assert.Equal("蓟州区2020年食品安全监督管理计划", plan.Title);
        Assert.Equal(2020, plan.Year);
        Assert.Equal("天津市蓟州区人民政府办公室", plan.Issuer);
        Assert.Equal(new DateOnly(2020, 8, 28), plan.IssuedDate);
        Assert.Equal(["各乡镇人民政府和街道办事处", "各委、办、局", "各直属单位"], plan.Recipients);
        Assert.Equal([new ParsedSection("一", "年度重点工作任务"), new ParsedSection("二", "长期推进工作")], plan.Sections);
        Assert.Equal(Enumerable.Range(1, 22), plan.Tasks.Select(t => t.Number));
        Assert.All(plan.Tasks.Take(16), t => Assert.Equal("年度重点工作任务", t.Section));
        Assert.All(plan.Tasks.Skip(16), t => Assert.Equal("长期推进工作", t.Section));
        Assert.Equal("落实食品安全责任制", plan.Tasks[0].Title);
        Assert.Equal("实施“优质粮食工程”行动", plan.Tasks[8].Title);
        Assert.StartsWith("制定食品安全抽检计划，全年农产品和食品抽检量不少于4批次/千人", plan.Tasks[14].Text[("加强食品抽检和核查处置。".Length)..]);
    }

    public static TheoryData<int, string> SeedUnits => new()
    {
        { 1, "区食安办、区市场监管局、各乡镇街" },
        { 2, "区市场监管局、区检察院" },
        { 3, "区卫生健康委、区市场监管局、区农业农村委、区林业局、蓟州海关、区粮食中心" },
        { 4, "区农业农村委、区生态环境局" },
        { 5, "区教育局、区卫生健康委、区市场监管局" },
        { 6, "区农业农村委、区商务局、区市场监管局、公安蓟州分局、区供销社" },
        { 7, "区食安办、区市场监管局、区商务局、区城市管理委" },
        { 8, "区市场监管局、区商务局、公安蓟州分局、区民政局、区文化和旅游局" },
        { 9, "区粮食中心、区财政局" },
        { 10, "蓟州海关、区商务局" },
        { 11, "区食安办、区农业农村委" },
        { 12, "区市场监管局、区商务局" },
        { 13, "区农业农村委" },
        { 14, "区林业局" },
        { 15, "区市场监管局、区农业农村委、区林业局、区粮食中心、蓟州海关" },
        { 16, "区委政法委、区法院、区检察院、区农业农村委、区市场监管局、区林业局、区城市管理委、蓟州海关、公安蓟州分局" },
        { 17, "区市场监管局、区农业农村委、区商务局、区教育局、区工业和信息化局" },
        { 18, "区文化和旅游局、区农业农村委、区民政局、区住房建设委、区卫生健康委、区市场监管局、区林业局、蓟州海关、蓟州北站" },
        { 19, "区市场监管局" },
        { 20, "区委组织部、编办、区人社局、区农业农村委、区市场监管局、区卫生健康委、区司法局、公安蓟州分局、区粮食中心、各乡镇街" },
        { 21, "区科技局、区委网信办、区市场监管局、区卫生健康委、区商务局、区粮食中心" },
        { 22, "区食安办、区司法局、区委网信办、区食安委各成员单位" },
    };

    [Theory]
    [MemberData(nameof(SeedUnits))]
    public void Seed_task_units_are_exactly_as_printed(int number, string units)
    {
        var task = ParseSample("jizhou-2020.txt").Tasks.Single(t => t.Number == number);
        var responsibility = Assert.Single(task.Responsibilities);
        Assert.Equal(ResponsibilityRole.Responsible, responsibility.Role);
        Assert.Equal(units.Split('、'), responsibility.Units);
        // A trailing 责任单位 covers the whole task, without the marker itself.
        Assert.DoesNotContain("责任单位", responsibility.Text);
        Assert.StartsWith(task.Title, responsibility.Text);
    }

    [Fact]
    public void Seed_targets()
    {
        var tasks = ParseSample("jizhou-2020.txt").Tasks.ToDictionary(t => t.Number);

        AssertIndicator(Assert.Single(tasks[4].Indicators), "农药利用率和主要农作物化肥利用率", ">=", 40, "%");

        Assert.Equal(2, tasks[9].Indicators.Count);
        AssertIndicator(tasks[9].Indicators[0], "对区级储备粮进行强制检验", ">=", 1, "次/半年");
        AssertIndicator(tasks[9].Indicators[1], "对全区粮食收购企业开展检查", ">=", 5, "%");

        Assert.Equal(2, tasks[10].Indicators.Count);
        AssertIndicator(tasks[10].Indicators[0], "进口保健食品联网核查监管", "=", 100, "%");
        AssertIndicator(tasks[10].Indicators[1], "不合格进口食品退运销毁处理", "=", 100, "%");

        Assert.Equal(4, tasks[12].Indicators.Count);
        Assert.EndsWith("获证食品生产企业监督抽查考核全覆盖", tasks[12].Indicators[0].Subject);
        Assert.Equal(("=", 100m, "%"), (tasks[12].Indicators[0].Comparator, tasks[12].Indicators[0].Value, tasks[12].Indicators[0].Unit));
        AssertIndicator(tasks[12].Indicators[1], "婴幼儿食品、大型肉制品企业自查风险报告率", ">=", 100, "%");
        AssertIndicator(tasks[12].Indicators[2], "食品生产企业信息化追溯体系建设", ">=", 7, "家");
        AssertIndicator(tasks[12].Indicators[3], "我区肉菜类重要产品追溯体系节点企业追溯数据上传平均达标率", ">", 60, "%");

        AssertIndicator(Assert.Single(tasks[13].Indicators), "规模化农业企业、市级农民专业合作社、家庭农场（种植业）纳入追溯平台", "=", 100, "%");

        Assert.Equal(4, tasks[15].Indicators.Count);
        AssertIndicator(tasks[15].Indicators[0], "全年农产品和食品抽检量", ">=", 4, "批次/千人");
        AssertIndicator(tasks[15].Indicators[1], "主要农产品质量安全监测总体合格率", ">=", 97, "%");
        AssertIndicator(tasks[15].Indicators[2], "食品安全抽检合格率", ">=", 98, "%");
        AssertIndicator(tasks[15].Indicators[3], "国家级监督抽检不合格食品核查处置完成率", ">=", 100, "%");
        Assert.Equal("全年农产品和食品抽检量不少于4批次/千人", tasks[15].Indicators[0].Text);
    }

    [Fact]
    public void Seed_tasks_without_numbers_have_no_invented_targets()
    {
        var tasks = ParseSample("jizhou-2020.txt").Tasks;
        // Task 5 cites DB12/T 914—2019 and task 1 the 四个最严: neither is a target.
        Assert.Equal([4, 5, 9, 10, 12, 13, 15], tasks.Where(t => t.Indicators.Count > 0).Select(t => t.Number));
        // Task 5's one target is its 全覆盖检查 of school canteens, read as 100%; task 12's "100%全覆盖" stays one target.
        var school = Assert.Single(tasks[4].Indicators);
        Assert.Equal((">=", 100m, "%"), (school.Comparator, school.Value, school.Unit));
        Assert.Contains("学校食堂", school.Subject);
        Assert.Equal("inspection.school_canteen_coverage", Metrics.Match(school.Subject, school.Unit)?.Name);
        Assert.Single(tasks[11].Indicators, i => i.Text.Contains("全覆盖"));
    }

    // ---- other plans, other forms ------------------------------------------------------------------------------

    [Fact]
    public void Paren_numbered_tasks_with_per_sentence_units_and_lead_and_cooperating_units()
    {
        var plan = ParseSample("example-paren-tasks.txt");
        Assert.Equal("示例区2021年食品安全重点工作安排", plan.Title);
        Assert.Equal(2021, plan.Year);
        Assert.Equal("天津市示例区食品安全委员会办公室", plan.Issuer);
        Assert.Equal(new DateOnly(2021, 3, 15), plan.IssuedDate);
        Assert.Equal(["强化源头治理", "强化过程监管", "强化保障措施"], plan.Sections.Select(s => s.Title));
        Assert.Equal([1, 2, 3, 4, 5], plan.Tasks.Select(t => t.Number));
        Assert.Equal(["一", "二", "三", "四", "五"], plan.Tasks.Select(t => t.Label));
        Assert.Equal("强化过程监管", plan.Tasks[2].Section);

        var first = plan.Tasks[0];
        Assert.Equal("加强农产品产地管理", first.Title);
        Assert.Equal(2, first.Responsibilities.Count);
        Assert.Equal(["区生态环境局"], first.Responsibilities[0].Units);
        Assert.Equal("加强农产品产地管理。开展耕地土壤污染状况详查", first.Responsibilities[0].Text);
        Assert.Equal(["区农业农村委"], first.Responsibilities[1].Units);
        Assert.Equal("推行食用农产品合格证制度，规模以上生产主体出具合格证比例达到90%以上", first.Responsibilities[1].Text);
        AssertIndicator(Assert.Single(first.Indicators), "规模以上生产主体出具合格证比例", ">=", 90, "%");

        var second = plan.Tasks[1];
        Assert.Equal(["区市场监管局", "区卫生健康委"], second.Responsibilities[1].Units);
        Assert.Equal(("次/季度", 1m), (Assert.Single(second.Indicators).Unit, second.Indicators[0].Value));

        var school = plan.Tasks[2];
        Assert.Equal([ResponsibilityRole.Lead, ResponsibilityRole.Cooperate], school.Responsibilities.Select(r => r.Role));
        Assert.Equal(["区教育局"], school.Responsibilities[0].Units);
        Assert.Equal(["区市场监管局", "各镇（街道）"], school.Responsibilities[1].Units);
        Assert.Equal(school.Responsibilities[0].Text, school.Responsibilities[1].Text);

        var catering = plan.Tasks[3];
        Assert.Equal(3, catering.Indicators.Count);
        AssertIndicator(catering.Indicators[0], "量化评级", ">=", 91, "分");
        Assert.Equal((">", 60m, "%"), (catering.Indicators[1].Comparator, catering.Indicators[1].Value, catering.Indicators[1].Unit));
        AssertIndicator(catering.Indicators[2], "食源性疾病发病率", "<=", 4, "/10万");
        Assert.Equal("食源性疾病发病率控制在4/10万以下", catering.Responsibilities[1].Text);

        var grassroots = plan.Tasks[4];
        Assert.Equal(["各镇（街道）"], Assert.Single(grassroots.Responsibilities).Units);
        AssertIndicator(Assert.Single(grassroots.Indicators), "镇级快检室标准化建设", ">=", 5, "个");
    }

    [Fact]
    public void Gb18030_text_with_ascii_punctuation_chinese_numeral_date_and_labelled_units()
    {
        var plan = ParseSample("example-ascii-gb18030.txt");
        Assert.Equal("示例县2022年食品安全监督管理计划", plan.Title);
        Assert.Equal(new DateOnly(2022, 5, 10), plan.IssuedDate);
        Assert.Equal("示例县人民政府办公室", plan.Issuer);
        Assert.Equal(["各乡镇人民政府", "县直各部门"], plan.Recipients);
        Assert.Empty(plan.Sections);
        Assert.Equal([1, 2, 3, 4], plan.Tasks.Select(t => t.Number));

        Assert.Equal("落实属地管理责任", plan.Tasks[0].Title);
        Assert.Equal(["各乡镇(街道)"], Assert.Single(plan.Tasks[0].Responsibilities).Units);

        var sampling = plan.Tasks[1];
        Assert.Equal(["县市场监管局", "县农业农村局"], Assert.Single(sampling.Responsibilities).Units);
        Assert.Equal([(">=", 3m, "批次/千人"), (">=", 98m, "%"), (">=", 100m, "%")], sampling.Indicators.Select(i => (i.Comparator, i.Value, i.Unit)));

        var trace = plan.Tasks[2];
        Assert.Equal(ResponsibilityRole.Lead, trace.Responsibilities[0].Role);
        Assert.Equal(["县商务局"], trace.Responsibilities[0].Units);
        Assert.Equal(ResponsibilityRole.Cooperate, trace.Responsibilities[1].Role);
        Assert.Equal(["县市场监管局", "县农业农村局"], trace.Responsibilities[1].Units);
        Assert.Equal([(">=", 10m, "家"), (">", 70m, "%")], trace.Indicators.Select(i => (i.Comparator, i.Value, i.Unit)));

        var campaign = plan.Tasks[3];
        Assert.Equal(2, campaign.Responsibilities.Count);
        Assert.Equal("清理无证无照经营", campaign.Responsibilities[1].Text);
        Assert.Equal(["县市场监管局", "县公安局"], campaign.Responsibilities[0].Units);
    }

    [Fact]
    public void Dotted_numbers_without_a_notice_and_a_marker_on_its_own_line()
    {
        var plan = ParseSample("example-dotted.txt");
        Assert.Equal("示例市示例区2023年食品安全工作要点", plan.Title);
        Assert.Equal(2023, plan.Year);
        Assert.Null(plan.Issuer);
        Assert.Null(plan.IssuedDate);

        var duty = plan.Tasks[0];
        Assert.Equal([ResponsibilityRole.Responsible, ResponsibilityRole.Lead, ResponsibilityRole.Cooperate], duty.Responsibilities.Select(r => r.Role));
        Assert.Equal(["各镇街"], duty.Responsibilities[2].Units);

        var sampling = plan.Tasks[1];
        Assert.Equal("提升抽检效能", sampling.Title);
        Assert.Equal(["区市场监管局", "区农业农村局", "区林业局"], Assert.Single(sampling.Responsibilities).Units);
        AssertIndicator(sampling.Indicators[0], "全年食用农产品抽检", ">=", 2.5m, "批次/千人");
        AssertIndicator(sampling.Indicators[1], "农产品质量安全例行监测合格率", ">=", 97, "%");
    }

    [Fact]
    public void Parentheses_that_name_no_unit_are_not_responsibilities()
    {
        var result = PlanParser.Parse("""
            1．规范食品标识。落实《中小学学生餐营养指南》（DB12/T 914—2019），加强校长（园长）负责制，整治挥发性有机物（VOCs）排放（试行）。（责任单位：区教育局）
            """);
        var task = Assert.Single(result.Plan!.Tasks);
        Assert.Equal(["区教育局"], Assert.Single(task.Responsibilities).Units);
        Assert.Empty(task.Indicators);
    }

    // ---- documents and bad input -------------------------------------------------------------------------------

    [Fact]
    public void A_word_document_reads_like_its_text()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var line in text.Split('\n'))
            {
                // Word splits a paragraph into runs wherever formatting changes; join them back.
                var half = line.Length / 2;
                body.Append(new Paragraph(new Run(new Text(line[..half]) { Space = SpaceProcessingModeValues.Preserve }), new Run(new Text(line[half..]) { Space = SpaceProcessingModeValues.Preserve })));
            }
            document.AddMainDocumentPart().Document = new Document(body);
        }
        var read = PlanDocument.Read(stream.ToArray(), "计划.docx");
        Assert.Null(read.Error);
        var plan = PlanParser.Parse(read.Text!).Plan!;
        Assert.Equal(22, plan.Tasks.Count);
        Assert.Equal(ParseSample("jizhou-2020.txt").Tasks.Select(t => t.UnitNames.ToList()), plan.Tasks.Select(t => t.UnitNames.ToList()));
    }

    [Fact]
    public void Empty_text_and_english_prose_are_not_plans()
    {
        Assert.Equal("Plan.DocumentEmpty", PlanParser.Parse("  \n \n").Error?.Code);
        var prose = PlanParser.Parse("The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen.");
        Assert.Null(prose.Plan);
        Assert.Equal("Plan.NoNumberedTask", prose.Error?.Code);
    }

    [Fact]
    public void Binary_oversized_and_misnamed_files_are_refused_before_parsing()
    {
        Assert.Equal("Import.Binary", PlanDocument.Read([0x00, 0x01, 0x02, 0x41, 0x42, 0xFF, 0xFE, 0x00], "plan.txt").Error?.Code);
        Assert.Equal("Plan.DocumentTooLarge", PlanDocument.Read(new byte[PlanDocument.MaxBytes + 1], "plan.txt").Error?.Code);
        Assert.Equal("Plan.DocxNotWord", PlanDocument.Read("1．任务。"u8.ToArray(), "plan.docx").Error?.Code);
        Assert.Equal("Plan.DocxUnreadable", PlanDocument.Read([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "plan.docx").Error?.Code);
        Assert.Equal("Plan.DocumentEmpty", PlanDocument.Read([], "plan.txt").Error?.Code);
        Assert.Equal("Plan.OldDoc", PlanDocument.Read("abc"u8.ToArray(), "plan.doc").Error?.Code);
    }

    [Fact]
    public void Json_uses_the_documented_names()
    {
        var json = PlanJson.Serialize(ParseSample("jizhou-2020.txt"));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("2020-08-28", root.GetProperty("issuedDate").GetString());
        var task = root.GetProperty("tasks")[14];
        Assert.Equal(15, task.GetProperty("number").GetInt32());
        Assert.Equal("responsible", task.GetProperty("responsibilities")[0].GetProperty("role").GetString());
        Assert.Equal("区市场监管局", task.GetProperty("responsibilities")[0].GetProperty("units")[0].GetString());
        var indicator = task.GetProperty("indicators")[0];
        Assert.Equal(">=", indicator.GetProperty("comparator").GetString());
        Assert.Equal(4, indicator.GetProperty("value").GetDecimal());
        Assert.Equal("批次/千人", indicator.GetProperty("unit").GetString());
    }
}
