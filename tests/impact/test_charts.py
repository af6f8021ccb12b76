from impact.charts import HEIGHT, MARGIN_BOTTOM, MARGIN_TOP, bar_chart


def test_bars_are_proportional_to_their_values_on_a_round_scale():
    chart = bar_chart(groups=[("oct.", [60, 50, 20]), ("nov.", [50, 10, 10])])
    assert [tick for _y, tick in chart.ticks] == [0, 20, 40, 60]
    plot = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    heights = {(bar.series, bar.value): bar.height for bar in chart.bars}
    assert heights[(0, 60)] == plot
    assert heights[(1, 50)] == round(plot * 50 / 60, 1)
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)
    assert [label for _x, label in chart.labels] == ["oct.", "nov."]
    # Bars of a group sit side by side, groups one after the other.
    xs = [bar.x for bar in chart.bars]
    assert xs == sorted(xs)


def test_an_empty_season_draws_an_empty_chart():
    chart = bar_chart(groups=[])
    assert chart.bars == [] and chart.labels == []
    assert chart.ticks[0][1] == 0
